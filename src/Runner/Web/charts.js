/* InfoRisk charts: time courses drawn as plain SVG in the house style (the regime colours of the Okabe-Ito
   palette sent by the program, mean line with a 95% CI band, Liberation Sans), with values on hover or on
   arrow keys, and regimes that can be shown or hidden. No dependencies; used by the explorer and the report. */
(function (global) {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 480, H = 270, M = { left: 62, right: 14, top: 30, bottom: 40 };

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function finite(v) { return typeof v === 'number' && isFinite(v); }

  /* "nice" axis ticks: 1, 2, 2.5 or 5 times a power of ten */
  function niceTicks(min, max, count) {
    if (!(max > min)) { max = min + 1; }
    var raw = (max - min) / Math.max(1, count);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (f) { return f * power; }).find(function (s) { return s >= raw; }) || raw;
    var ticks = [];
    for (var t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return ticks;
  }

  /* compact tick labels: 1.2M, 350k, 0.25 */
  function formatTick(v) {
    var a = Math.abs(v);
    if (a >= 1e9) return trim(v / 1e9) + 'G';
    if (a >= 1e6) return trim(v / 1e6) + 'M';
    if (a >= 1e4) return trim(v / 1e3) + 'k';
    if (a >= 100 || v === 0) return Math.round(v).toLocaleString('en-US');
    return trim(v);
  }

  function trim(v) { return String(Number(v.toPrecision(3))); }

  /* a value as the tables show it: money and counts whole with thousands separators, ratios with 4 decimals */
  function formatValue(v, kind, signed) {
    if (!finite(v)) return '–';
    var text = kind === 'ratio' ? v.toFixed(4) : Math.round(v).toLocaleString('en-US');
    if (text === '-0') text = '0';
    return (signed && v > 0 ? '+' : '') + text;
  }

  /* spec: { title, xLabel, unit, kind, x: [ticks], xMax, series: [{ key, label, color, mean, low, high }], hidden: Set, bandLabel } */
  function lineChart(container, spec) {
    var state = container._chart || (container._chart = { cursor: null });
    state.spec = spec;
    draw(container, state);
  }

  function draw(container, state) {
    var spec = state.spec;
    var hidden = spec.hidden || new Set();
    var visible = spec.series.filter(function (s) { return !hidden.has(s.key); });
    var x = spec.x || [];
    var xMax = spec.xMax != null ? spec.xMax : (x.length ? x[x.length - 1] : 1);
    var lo = Infinity, hi = -Infinity;
    visible.forEach(function (s) {
      ['mean', 'low', 'high'].forEach(function (part) {
        (s[part] || []).forEach(function (v) { if (finite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
      });
    });
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (spec.zero !== false) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
    if (spec.kind === 'ratio' && lo >= 0 && hi <= 1 && spec.unitRange) { lo = 0; hi = 1; }
    if (hi === lo) { hi = lo + (Math.abs(lo) || 1); }
    var pad = (hi - lo) * 0.05;
    var ticks = niceTicks(lo - (lo < 0 ? pad : 0), hi + pad, 5);
    var yMin = Math.min(ticks[0], lo), yMax = Math.max(ticks[ticks.length - 1], hi);
    var px = function (t) { return M.left + (W - M.left - M.right) * (t / Math.max(1, xMax)); };
    var py = function (v) { return H - M.bottom - (H - M.top - M.bottom) * ((v - yMin) / (yMax - yMin)); };

    var svg = el('svg', {
      viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', tabindex: '0',
      'data-metric': spec.metric || '', 'font-family': "'Liberation Sans', Arial, Helvetica, sans-serif",
    });
    var label = spec.title + (spec.unit ? ' (' + spec.unit + ')' : '') + ': ' + visible.map(function (s) {
      var m = s.mean || [];
      return s.label + ' ' + formatValue(m[m.length - 1], spec.kind);
    }).join('; ');
    svg.setAttribute('aria-label', label);
    el('title', {}, svg).textContent = label;
    el('rect', { x: 0, y: 0, width: W, height: H, fill: '#ffffff' }, svg);
    var title = el('text', { x: M.left, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#222222' }, svg);
    title.textContent = spec.title + (spec.unit ? ' (' + spec.unit + ')' : '');
    // grid and y axis
    ticks.forEach(function (t) {
      var y = py(t);
      el('line', { x1: M.left, x2: W - M.right, y1: y, y2: y, stroke: t === 0 ? '#999999' : '#e6e6e6', 'stroke-width': 1 }, svg);
      var tl = el('text', { x: M.left - 6, y: y + 4, 'font-size': 11, 'text-anchor': 'end', fill: '#222222' }, svg);
      tl.textContent = formatTick(t);
    });
    niceTicks(0, xMax, 6).forEach(function (t) {
      var xx = px(t);
      el('line', { x1: xx, x2: xx, y1: H - M.bottom, y2: H - M.bottom + 4, stroke: '#222222' }, svg);
      var tl = el('text', { x: xx, y: H - M.bottom + 16, 'font-size': 11, 'text-anchor': 'middle', fill: '#222222' }, svg);
      tl.textContent = formatTick(t);
    });
    el('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, stroke: '#222222' }, svg);
    el('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, stroke: '#222222' }, svg);
    var xl = el('text', { x: (M.left + W - M.right) / 2, y: H - 6, 'font-size': 11, 'text-anchor': 'middle', fill: '#222222' }, svg);
    xl.textContent = spec.xLabel || '';
    // bands, then lines
    visible.forEach(function (s) {
      var upper = [], lower = [];
      for (var i = 0; i < x.length; i++) {
        if (finite(s.low && s.low[i]) && finite(s.high && s.high[i])) {
          upper.push(px(x[i]).toFixed(1) + ',' + py(s.high[i]).toFixed(1));
          lower.unshift(px(x[i]).toFixed(1) + ',' + py(s.low[i]).toFixed(1));
        }
      }
      if (upper.length > 1) el('polygon', { points: upper.concat(lower).join(' '), fill: s.color, 'fill-opacity': 0.18, stroke: 'none', class: 'series-band', 'data-series': s.key }, svg);
    });
    visible.forEach(function (s) {
      var points = [];
      for (var i = 0; i < x.length; i++) if (finite(s.mean && s.mean[i])) points.push(px(x[i]).toFixed(1) + ',' + py(s.mean[i]).toFixed(1));
      el('polyline', { points: points.join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2, class: 'series-line', 'data-series': s.key, 'data-points': points.length }, svg);
    });
    // cursor and read-out
    var cursor = el('line', { y1: M.top, y2: H - M.bottom, stroke: '#222222', 'stroke-dasharray': '3,3', visibility: 'hidden', class: 'cursor' }, svg);
    var overlay = el('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom, fill: 'transparent' }, svg);

    container.textContent = '';
    container.appendChild(svg);
    var tip = document.createElement('div');
    tip.className = 'chart-tip';
    tip.setAttribute('aria-live', 'polite');
    tip.hidden = true;
    container.appendChild(tip);

    function show(index) {
      if (!x.length) return;
      index = Math.max(0, Math.min(x.length - 1, index));
      state.cursor = index;
      var xx = px(x[index]);
      cursor.setAttribute('x1', xx);
      cursor.setAttribute('x2', xx);
      cursor.setAttribute('visibility', 'visible');
      tip.textContent = '';
      var head = document.createElement('div');
      head.className = 'tip-head';
      head.textContent = (spec.xLabel || 't') + ': ' + x[index];
      tip.appendChild(head);
      visible.forEach(function (s) {
        var row = document.createElement('div');
        var sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = s.color;
        row.appendChild(sw);
        var ci = finite(s.low && s.low[index]) ? ' [' + formatValue(s.low[index], spec.kind, spec.signed) + ', ' + formatValue(s.high[index], spec.kind, spec.signed) + ']' : '';
        row.appendChild(document.createTextNode(' ' + s.label + ': ' + formatValue(s.mean && s.mean[index], spec.kind, spec.signed) + ci));
        tip.appendChild(row);
      });
      tip.hidden = false;
      var left = (xx / W) * svg.getBoundingClientRect().width;
      tip.style.left = Math.min(Math.max(0, left + 10), Math.max(0, container.clientWidth - tip.offsetWidth - 4)) + 'px';
    }

    function hide() {
      cursor.setAttribute('visibility', 'hidden');
      tip.hidden = true;
    }

    function nearest(clientX) {
      var box = svg.getBoundingClientRect();
      var t = ((clientX - box.left) / box.width * W - M.left) / (W - M.left - M.right) * Math.max(1, xMax);
      var best = 0;
      for (var i = 1; i < x.length; i++) if (Math.abs(x[i] - t) < Math.abs(x[best] - t)) best = i;
      return best;
    }

    overlay.addEventListener('pointermove', function (e) { show(nearest(e.clientX)); });
    overlay.addEventListener('pointerleave', function () { if (document.activeElement !== svg) hide(); });
    svg.addEventListener('focus', function () { show(state.cursor != null ? state.cursor : x.length - 1); });
    svg.addEventListener('blur', hide);
    svg.addEventListener('keydown', function (e) {
      var i = state.cursor != null ? state.cursor : x.length - 1;
      var big = Math.max(1, Math.round(x.length / 10));
      var keys = { ArrowLeft: i - 1, ArrowRight: i + 1, PageDown: i - big, PageUp: i + big, Home: 0, End: x.length - 1 };
      if (e.key in keys) { e.preventDefault(); show(keys[e.key]); }
      if (e.key === 'Escape') hide();
    });
  }

  /* a legend of toggle buttons (aria-pressed), one per series; onToggle(key, shown) */
  function legend(container, items, hidden, onToggle, bandLabel) {
    container.textContent = '';
    var list = document.createElement('ul');
    list.className = 'legend';
    items.forEach(function (item) {
      var li = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'legend-toggle';
      button.setAttribute('aria-pressed', hidden.has(item.key) ? 'false' : 'true');
      button.dataset.series = item.key;
      var sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = item.color;
      button.appendChild(sw);
      button.appendChild(document.createTextNode(' ' + item.label));
      button.addEventListener('click', function () {
        var shown = button.getAttribute('aria-pressed') !== 'true';
        button.setAttribute('aria-pressed', shown ? 'true' : 'false');
        onToggle(item.key, shown);
      });
      li.appendChild(button);
      list.appendChild(li);
    });
    if (bandLabel) {
      var band = document.createElement('li');
      band.className = 'legend-band';
      var sw = document.createElement('span');
      sw.className = 'swatch band';
      band.appendChild(sw);
      band.appendChild(document.createTextNode(' ' + bandLabel));
      list.appendChild(band);
    }
    container.appendChild(list);
  }

  global.InfoRiskCharts = { lineChart: lineChart, legend: legend, formatValue: formatValue, formatTick: formatTick, niceTicks: niceTicks };
})(window);
