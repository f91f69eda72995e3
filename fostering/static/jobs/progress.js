// A job's page: ask for its status every few seconds and say how far it has got (the region is
// aria-live). When it has finished, load the page again so it shows the result.
(function () {
  "use strict";
  var region = document.getElementById("job-status");
  if (!region || !region.dataset.statusUrl) return;
  var url = region.dataset.statusUrl;
  var tag = region.querySelector("[data-job-status]");
  var text = region.querySelector("[data-job-progress]");
  var delay = 2000;

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (job) {
        if (job.finished) {
          window.location.reload();
          return;
        }
        if (tag.textContent !== job.status_label) {
          tag.textContent = job.status_label;
          tag.className = "govuk-tag" + (job.status === "queued" ? " govuk-tag--grey" : "");
        }
        if (text.textContent !== job.progress) text.textContent = job.progress;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // the server did not answer: try again a little later
        window.setTimeout(poll, delay * 3);
      });
  }
  window.setTimeout(poll, delay);
})();
