/*
 * The service worker: Press Points opens offline.
 *
 * - Static files: from the cache, fetched once per release.
 * - Public pages (the catalogue, sources, safety, home, the offline page): fetched at install
 *   WITHOUT cookies, so the cached copy is what anyone would see. Pages are asked from the
 *   network first; the copy is only for when there is no connection.
 * - The player of a session already started (/practice/<id>/): its last answer is kept in a
 *   private cache so that a reload without a connection still shows the session. That cache
 *   is emptied when someone logs out or deletes the account (and the server also answers those
 *   with Clear-Site-Data), so it never shows one person's session to another.
 * - Anything else without a connection: the app's own offline page.
 *
 * The cache names carry the release (?v= on this script's address): a deploy installs a new
 * worker, which deletes the old caches when it takes over.
 */
"use strict";

var RELEASE = new URL(self.location.href).searchParams.get("v") || "dev";
var PUBLIC = "press-points-public-" + RELEASE;
var PRIVATE = "press-points-private-" + RELEASE;
var FILES_URL = "/offline/files.json";
var OFFLINE_URL = "/offline/";
// Private pages worth keeping offline: the player of a started session, nothing else.
var SESSION_PAGE = /^\/practice\/\d+\/$/;
// Leaving an account: the private cache goes before the request does.
var LEAVING = /^\/accounts\/(logout|delete)\/$/;

function anonymous(url) {
  return new Request(url, { credentials: "omit", redirect: "follow" });
}

function store(cache, url) {
  return fetch(anonymous(url)).then(function (response) {
    if (response.ok && !response.redirected) {
      return cache.put(url, response);
    }
    return undefined;
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch(anonymous(FILES_URL))
      .then(function (response) { return response.json(); })
      .then(function (files) {
        return caches.open(PUBLIC).then(function (cache) {
          // The shell must be there; a catalogue page that fails is fetched again next time.
          var required = files["static"].concat([OFFLINE_URL]).map(function (url) { return store(cache, url); });
          var optional = files.pages.map(function (url) { return store(cache, url).catch(function () {}); });
          return Promise.all(required.concat(optional));
        });
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("press-points-") === 0 && name !== PUBLIC && name !== PRIVATE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function clearPrivate() {
  return caches.delete(PRIVATE);
}

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "clear-private") {
    event.waitUntil(clearPrivate());
  }
});

function fromCache(request) {
  return caches.open(PUBLIC).then(function (cache) {
    return cache.match(request, { ignoreVary: true });
  });
}

function staticFile(request) {
  return fromCache(request).then(function (hit) {
    if (hit) {
      return hit;
    }
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(PUBLIC).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}

function page(request, url) {
  return fetch(request).then(function (response) {
    if (SESSION_PAGE.test(url.pathname) && response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(PRIVATE).then(function (cache) { return cache.put(url.pathname, copy); });
    }
    return response;
  }).catch(function () {
    return fromCache(url.pathname + url.search).then(function (hit) {
      if (hit) {
        return hit;
      }
      var session = SESSION_PAGE.test(url.pathname)
        ? caches.open(PRIVATE).then(function (cache) { return cache.match(url.pathname); })
        : Promise.resolve(undefined);
      return session.then(function (kept) {
        return kept || fromCache(OFFLINE_URL).then(function (offline) {
          return offline || new Response("You are offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
        });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method === "POST" && LEAVING.test(url.pathname)) {
    event.respondWith(clearPrivate().then(function () { return fetch(request); }));
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (!request.headers.get("HX-Request")) {
    // What pages load besides static files (the drawings document, a diagram's PNG): from
    // the network, and from the public cache when there is none.
    event.respondWith(fetch(request).catch(function () {
      return fromCache(request).then(function (hit) { return hit || Response.error(); });
    }));
  }
  // htmx fragments and the session's own requests go to the network untouched: the page
  // handles a failed request itself.
});

/* Notifications ------------------------------------------------------------------------------
 * A push message is JSON: {"title": ..., "body": ..., "url": ...}. Clicking the notification
 * opens its url (or focuses a window already showing it). */
self.addEventListener("push", function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(self.registration.showNotification(data.title || "Press Points", {
    body: data.body || "",
    icon: "/static/images/icons/icon-192.png",
    badge: "/static/images/icons/icon-maskable-192.png",
    data: { url: data.url || "/today/" },
    tag: data.tag || undefined
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || "/today/", self.location.origin);
  if (target.origin !== self.location.origin) {
    target = new URL("/today/", self.location.origin);
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i += 1) {
        if (new URL(windows[i].url).pathname === target.pathname && "focus" in windows[i]) {
          return windows[i].focus();
        }
      }
      return self.clients.openWindow(target.href);
    })
  );
});
