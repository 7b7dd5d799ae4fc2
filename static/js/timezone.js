// Fills time zone fields from the browser: an empty hidden field at signup is set to this
// device's zone, and on the settings page a button offers the device's zone when it differs.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }

  document.querySelectorAll("input[data-browser-timezone]").forEach(function (input) {
    if (!input.value) {
      input.value = zone;
    }
  });

  document.querySelectorAll("[data-use-device-timezone]").forEach(function (button) {
    var select = document.getElementById(button.getAttribute("data-use-device-timezone"));
    if (!select || select.value === zone) {
      return;
    }
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === zone;
    });
    if (!known) {
      return;
    }
    button.querySelector("[data-device-timezone]").textContent = zone.replace(/_/g, " ");
    button.hidden = false;
    button.addEventListener("click", function () {
      select.value = zone;
      button.hidden = true;
      select.focus();
    });
  });
})();
