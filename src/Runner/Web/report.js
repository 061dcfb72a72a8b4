/* The report's interactive parts: time courses drawn from the data embedded in the page (hover or arrow keys for
   values), and regime check boxes that show or hide a regime in those charts and in the tables. */
(function () {
  'use strict';
  var C = window.InfoRiskCharts;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var hidden = new Set();

  function draw() {
    var grid = document.getElementById('timecourse-charts');
    data.timecourses.forEach(function (chart) {
      var id = 'tc-' + chart.metric, box = document.getElementById(id);
      if (!box) {
        box = document.createElement('div');
        box.className = 'chart-box';
        box.id = id;
        grid.appendChild(box);
      }
      C.lineChart(box, {
        metric: chart.metric, title: chart.title, unit: chart.unit, kind: chart.kind, xLabel: data.texts.timeAxis, x: chart.x, hidden: hidden,
        series: data.regimes.filter(function (r) { return chart.series[r.name]; }).map(function (r) {
          var s = chart.series[r.name];
          return { key: r.name, label: r.label, color: r.color, mean: s.mean, low: s.low, high: s.high };
        }),
      });
    });
    document.querySelectorAll('[data-regime]').forEach(function (e) {
      if (e.dataset.regime && !e.matches('input')) e.classList.toggle('regime-hidden', hidden.has(e.dataset.regime));
    });
  }

  document.querySelectorAll('input[data-toggle-regime]').forEach(function (box) {
    box.addEventListener('change', function () {
      if (box.checked) hidden.delete(box.dataset.toggleRegime); else hidden.add(box.dataset.toggleRegime);
      draw();
    });
  });
  draw();
  document.body.dataset.ready = 'true';
})();
