// Charts: each <div data-chart="ID"> draws the Vega-Lite specification held in <script id="ID"
// type="application/json">. The same figures are in the table beside each chart.
document.querySelectorAll("[data-chart]").forEach(function (element) {
  var source = document.getElementById(element.getAttribute("data-chart"));
  if (!source || typeof vegaEmbed !== "function") return;
  var spec = JSON.parse(source.textContent);
  if (!spec) return;
  // No style elements of vega-embed's or its tooltips' own: the content security policy refuses them.
  vegaEmbed(element, spec, {
    actions: false,
    renderer: "svg",
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  }).catch(function () {});
});
