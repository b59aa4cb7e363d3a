// Charts from data the page carries as JSON (<script type="application/json">); every chart
// also has a table on the page, so nothing depends on this script.
(function () {
  var palette = ["#a3151b", "#0b4f9c", "#1d7a3a", "#b26b00", "#6a3d9a", "#5a6275", "#00838f", "#c2185b", "#455a64"];
  var dark = document.body.classList.contains("wall");
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-source"));
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var kind = canvas.getAttribute("data-chart");
    var datasets = spec.series.map(function (series, i) {
      var colour = palette[i % palette.length];
      return {
        label: series.label, data: series.data, borderColor: colour,
        backgroundColor: kind === "bar" ? colour : colour + "33",
        borderDash: series.dashed ? [6, 4] : [], fill: false, tension: 0, spanGaps: true
      };
    });
    var text = dark ? "#e8eaf0" : "#1d2433";
    new Chart(canvas, {
      type: kind,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false, responsive: true,
        scales: kind === "bar-stacked" ? {} : {
          x: { ticks: { color: text } }, y: { beginAtZero: true, ticks: { color: text } }
        },
        plugins: { legend: { labels: { color: text } } }
      }
    });
  });
})();
