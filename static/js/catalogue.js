// After a search sent from the catalogue form, bring the results into view: on a phone the
// search box and filters fill the first screen, and the answer would sit out of sight below.
(function () {
  "use strict";
  var query = new URLSearchParams(window.location.search).get("q");
  var results = document.getElementById("results-top");
  if (!query || !results || window.location.hash) {
    return;
  }
  if (results.getBoundingClientRect().top > window.innerHeight * 0.6) {
    results.scrollIntoView({ block: "start" });
  }
})();
