// Installs the service worker (static/js/sw.js, served at /sw.js) when the page names one.
// While developing the page names none, and a worker left from an earlier run is removed so
// that it cannot serve stale pages.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) {
    return;
  }
  var url = document.documentElement.dataset.serviceWorker;
  if (url) {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {
      // No worker (private browsing, an old browser): the app works online as before.
    });
  } else {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    }).catch(function () {});
  }
})();
