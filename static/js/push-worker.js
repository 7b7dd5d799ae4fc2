// Shows a reminder sent by Web Push and, when it is tapped, opens the routine's start page.
// Only pages of this site are opened, whatever the message says.
self.addEventListener("push", function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  event.waitUntil(self.registration.showNotification(data.title || "Time for your routine", {
    body: data.body || "",
    tag: data.tag || "reminder",
    icon: "/static/images/favicon.svg",
    data: { url: data.url || "/today/" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || "/today/", self.location.origin);
  var url = new URL(target.pathname + target.search, self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i += 1) {
      if (windows[i].url === url && "focus" in windows[i]) {
        return windows[i].focus();
      }
    }
    return self.clients.openWindow(url);
  }));
});
