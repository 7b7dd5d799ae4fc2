// Says so when an htmx request fails. htmx leaves the page as it was when the answer is an
// error, so without this a change that was not saved would look saved. The server names
// what went wrong in an "app:error" event (acupressure/htmx_errors.py); otherwise the
// sentence comes from the status here.
(function () {
  "use strict";
  var box = document.getElementById("request-error");
  if (!box) {
    return;
  }
  var text = box.querySelector("[data-request-error-text]");
  var offline = false;

  function show(message, isOffline) {
    offline = Boolean(isOffline);
    box.hidden = false;
    // Written after the box shows, so that screen readers announce the alert.
    text.textContent = message;
  }

  function hide() {
    box.hidden = true;
    text.textContent = "";
    offline = false;
  }

  function failedAction(detail) {
    var verb = detail.requestConfig && detail.requestConfig.verb;
    return verb && verb.toLowerCase() !== "get" ? "That change could not be saved" : "That could not be loaded";
  }

  function reason(status) {
    if (status === 403) {
      return "you may have been logged out, or the page is out of date. Reload the page.";
    }
    if (status === 404) {
      return "it is no longer there. Reload the page.";
    }
    if (status === 429) {
      return "too many requests in a short time. Wait a minute, then try again.";
    }
    if (status >= 500) {
      return "something went wrong on our side. Try again in a moment.";
    }
    return "the server refused it. Reload the page and try again.";
  }

  function toldByServer(xhr) {
    var trigger = xhr && xhr.getResponseHeader("HX-Trigger");
    return Boolean(trigger && trigger.indexOf('"app:error"') !== -1);
  }

  document.addEventListener("app:error", function (event) {
    if (event.detail && event.detail.message) {
      show(event.detail.message);
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    if (!toldByServer(xhr)) {
      show(failedAction(event.detail) + ": " + reason(xhr.status));
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    show(failedAction(event.detail) + ": the server could not be reached. Check your connection and try again.", true);
  });

  // A connection that works again clears its own warning; other warnings stay until dismissed.
  document.addEventListener("htmx:afterRequest", function (event) {
    if (offline && event.detail.successful) {
      hide();
    }
  });

  box.querySelector("[data-request-error-reload]").addEventListener("click", function () {
    window.location.reload();
  });
  box.querySelector("[data-request-error-close]").addEventListener("click", hide);
})();
