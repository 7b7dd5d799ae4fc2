// "Turn on reminders on this device": asks for notification permission, subscribes this
// browser to Web Push with the server's VAPID public key and gives the subscription to the
// server. Without JavaScript, or in a browser without the Push API, the button stays hidden.
(function () {
  "use strict";
  var box = document.querySelector("[data-push-key]");
  if (!box) {
    return;
  }
  var button = box.querySelector("[data-push-enable]");
  var status = box.querySelector("[data-push-status]");
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    box.querySelector("[data-push-unsupported]").hidden = false;
    return;
  }
  button.hidden = false;

  function say(text) {
    status.textContent = text;
  }

  function keyBytes(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(base64 + "===".slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["x-csrftoken"];
    } catch (error) {
      return "";
    }
  }

  function active(registration) {
    // The Push API needs a worker that has finished installing.
    var worker = registration.installing || registration.waiting;
    if (registration.active || !worker) {
      return Promise.resolve(registration);
    }
    return new Promise(function (resolve) {
      worker.addEventListener("statechange", function () {
        if (worker.state === "activated") {
          resolve(registration);
        }
      });
    });
  }

  function workerRegistration() {
    // The app's own worker (static/js/sw.js, installed by install.js) shows the notifications.
    return navigator.serviceWorker.getRegistration("/").then(function (registration) {
      return registration || navigator.serviceWorker.register(
        document.documentElement.dataset.serviceWorker, { scope: "/" }
      );
    }).then(active);
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    say("Asking this device for permission…");
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        throw new Error("denied");
      }
      return workerRegistration();
    }).then(function (registration) {
      return registration.pushManager.getSubscription().then(function (existing) {
        return existing || registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(box.getAttribute("data-push-key"))
        });
      });
    }).then(function (subscription) {
      return fetch(box.getAttribute("data-push-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(subscription)
      });
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("server");
      }
      say("Reminders are on for this device.");
      // The list of devices comes from the server: show it with this one in it.
      window.location.reload();
    }).catch(function (error) {
      button.disabled = false;
      say(error.message === "denied"
        ? "Notifications are blocked for this site. Allow them in the browser’s site settings, then try again."
        : "That did not work. Check the connection and try again.");
    });
  });
})();
