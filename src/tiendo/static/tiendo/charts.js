// Charts from data the page carries as JSON (<script type="application/json">); every chart
// also has a table on the page, so nothing depends on this script. tiendoCharts.draw(root)
// draws the charts under root (the wall screen calls it after swapping in fresh figures).
(function () {
  var light = ["#a3151b", "#0b4f9c", "#1d7a3a", "#b26b00", "#6a3d9a", "#5a6275", "#00838f", "#c2185b", "#455a64"];
  // Bright on the wall's dark background, told apart by a room at a distance.
  var bright = ["#5cc8ff", "#ffd166", "#7ee081", "#ff8a80", "#d0a8ff", "#e8eaf0"];
  var numbers = window.Intl ? new Intl.NumberFormat("vi-VN") : null; // 1.275.000 · 73,5
  function format(value) {
    return numbers && typeof value === "number" ? numbers.format(value) : String(value);
  }

  function draw(root) {
    if (typeof Chart === "undefined") { return; }
    Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    var wall = document.body.classList.contains("wall");
    var palette = wall ? bright : light;
    var text = wall ? "#ffffff" : "#1d2433";
    var grid = wall ? "#3a4660" : "#e3e6ec";
    // Large type on the wall, scaled to the screen (24 px on a 1920×1080 screen).
    var size = wall ? Math.max(14, Math.round(Math.min(window.innerHeight / 44, window.innerWidth / 80))) : 13;
    var narrow = window.innerWidth < 640;
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-source"));
      if (!source || Chart.getChart(canvas)) { return; }
      var spec = JSON.parse(source.textContent);
      var kind = canvas.getAttribute("data-chart");
      var unit = spec.unit ? " " + spec.unit : "";
      var datasets = spec.series.map(function (series, i) {
        var colour = palette[i % palette.length];
        return {
          label: series.label, data: series.data, borderColor: colour,
          backgroundColor: kind === "bar" ? colour : colour + "33",
          borderDash: series.dashed ? [8, 6] : [], fill: false, tension: 0, spanGaps: true,
          borderWidth: wall ? 5 : 2, pointRadius: spec.labels.length > 12 ? 0 : wall ? 5 : 3
        };
      });
      var ticks = { color: text, font: { size: size }, maxRotation: 0, autoSkipPadding: 16 };
      // Inside a sized box (div.chart) the chart fills it; elsewhere it keeps its own ratio.
      var boxed = canvas.parentElement && canvas.parentElement.classList.contains("chart");
      new Chart(canvas, {
        type: kind,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: !boxed,
          aspectRatio: narrow ? 1.3 : 2.6,
          interaction: { mode: "index", intersect: false },
          scales: {
            x: { ticks: ticks, grid: { color: grid } },
            y: {
              beginAtZero: true, grid: { color: grid },
              ticks: { color: text, font: { size: size }, callback: function (value) { return format(value); } }
            }
          },
          plugins: {
            legend: { labels: { color: text, font: { size: size }, boxWidth: size * 2 } },
            tooltip: {
              bodyFont: { size: size }, titleFont: { size: size },
              callbacks: {
                label: function (item) { return item.dataset.label + ": " + format(item.parsed.y) + unit; }
              }
            }
          }
        }
      });
      var figure = canvas.closest("figure");
      if (figure) { figure.classList.add("charted"); }
    });
  }

  window.tiendoCharts = { draw: draw };
  draw(document);
})();
