/* The InfoRisk explorer page: a form generated from the lever registry (/api/model), a Run that streams the
   run's time courses, paired differences and final table as Server-Sent Events, Cancel, and Save as experiment.
   The page keeps only its own state; every run is a job on the server, found again from the address (#job=ID). */
(function () {
  'use strict';
  var C = window.InfoRiskCharts;
  var UI = {
    en: {
      title: 'InfoRisk what-if explorer', language: 'Language', skip: 'Skip to the results',
      intro: 'Pick a regime, move its levers, and run it against a baseline regime with the same seeds (common random numbers). Nothing is written to disk; “Save as experiment” downloads a file that inforisk run repeats exactly.',
      regimes: 'Regimes', regime: 'Regime (preset)', baseline: 'Baseline (compared with)', size: 'Size',
      subjects: 'Data subjects', users: 'Users (empty: 30% of subjects)', ticks: 'Days (ticks)', replicates: 'Paired replicates', seed: 'Seed',
      levers: 'Levers', onlyDiffers: 'Show only levers that differ from', compareWith: 'Compare with',
      run: 'Run', cancel: 'Cancel', save: 'Save as experiment', results: 'Results', idle: 'Not run yet.',
      tableCaption: 'Headline outcomes: mean over replicates [95% CI]; paired difference regime − baseline [95% CI]',
      metric: 'Metric', unit: 'Unit', difference: 'Paired difference', levels: 'Time courses (mean and 95% CI band)',
      differences: 'Paired difference from the baseline over time (mean and 95% CI)',
      preset: 'preset', reset: 'Reset {0} to the preset value', about: 'About {0}', allowed: 'Allowed', range: 'Range', paper: 'Paper', docs: 'docs/model.md §',
      differsNone: 'No lever differs from {0}.', differsSome: '{0} lever(s) differ from {1}: {2}', differsMark: '≠ {0}: {1}',
      changed: 'changed', edited: '{0} (edited)', cumulative: '{0}, cumulative',
      starting: 'Starting…', progress: 'Runs {0}/{1} · day {2}/{3} · {4} s', done: 'Done in {0} s: {1} runs of {2} subjects × {3} days.',
      cancelled: 'Cancelled after {0} s.', failed: 'The run failed: {0}', lost: 'Connection to the explorer lost.',
      problems: 'The experiment is not valid (the same messages as inforisk validate):', busy: 'Running…'
    },
    zh: {
      title: 'InfoRisk 假设情景探索器', language: '语言', skip: '跳到结果',
      intro: '选择一个制度，调整其杠杆，并在相同随机种子（共同随机数）下与基准制度比较。不向磁盘写入任何内容；“另存为实验”下载一个 inforisk run 可完全重现的文件。',
      regimes: '制度', regime: '制度（预设）', baseline: '基准（比较对象）', size: '规模',
      subjects: '信息主体数', users: '用户数（留空：信息主体的 30%）', ticks: '天数（时间步）', replicates: '配对重复次数', seed: '随机种子',
      levers: '杠杆', onlyDiffers: '只显示不同于以下预设的杠杆', compareWith: '比较对象',
      run: '运行', cancel: '取消', save: '另存为实验', results: '结果', idle: '尚未运行。',
      tableCaption: '主要结果：重复均值 [95% 置信区间]；配对差异 制度 − 基准 [95% 置信区间]',
      metric: '指标', unit: '单位', difference: '配对差异', levels: '时间过程（均值与 95% 置信带）',
      differences: '与基准的配对差异随时间变化（均值与 95% 置信区间）',
      preset: '预设', reset: '将 {0} 恢复为预设值', about: '关于 {0}', allowed: '允许值', range: '范围', paper: '论文', docs: 'docs/model.md 第',
      differsNone: '没有杠杆不同于 {0}。', differsSome: '{0} 个杠杆不同于 {1}：{2}', differsMark: '≠ {0}：{1}',
      changed: '已修改', edited: '{0}（已修改）', cumulative: '{0}（累计）',
      starting: '正在启动…', progress: '运行 {0}/{1} · 第 {2}/{3} 天 · {4} 秒', done: '用时 {0} 秒完成：{1} 次运行，{2} 个信息主体 × {3} 天。',
      cancelled: '已在 {0} 秒后取消。', failed: '运行失败：{0}', lost: '与探索器的连接已断开。',
      problems: '实验无效（与 inforisk validate 相同的信息）：', busy: '运行中…'
    }
  };
  var model = null, lang = 'en', job = null, source = null, validateTimer = null, drawQueued = false;
  var hidden = new Set();

  function $(id) { return document.getElementById(id); }
  function t(key) { var args = Array.prototype.slice.call(arguments, 1); return (UI[lang][key] || UI.en[key] || key).replace(/\{(\d)\}/g, function (_, i) { return args[+i]; }); }
  function preset(name) { return model.regimes.find(function (r) { return r.name === name; }); }
  function regimeLabel(name) {
    var p = preset(name);
    if (p) return p[lang];
    var base = name.replace(/-edited$/, '');
    return preset(base) ? t('edited', preset(base)[lang]) : name;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function show(value) { return typeof value === 'string' ? value : JSON.stringify(value); }

  function post(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { j.status = r.status; return j; }); });
  }

  /* ---------- the form, generated from the registry ---------- */
  function build() {
    ['preset', 'baseline', 'compare'].forEach(function (id) {
      var select = $(id);
      model.regimes.forEach(function (r) {
        var o = document.createElement('option');
        o.value = r.name;
        o.textContent = r.name;
        select.appendChild(o);
      });
    });
    $('preset').value = model.defaults.regime;
    $('baseline').value = model.defaults.baseline;
    $('compare').value = model.defaults.baseline;
    ['subjects', 'ticks', 'replicates', 'seed'].forEach(function (k) { $(k).value = model.defaults[k]; });
    var list = $('lever-list');
    model.levers.forEach(function (l) { list.appendChild(leverRow(l)); });
    loadPreset(model.defaults.regime);
    $('preset').addEventListener('change', function () { loadPreset($('preset').value); changed(); });
    ['baseline', 'subjects', 'users', 'ticks', 'replicates', 'seed'].forEach(function (id) { $(id).addEventListener('input', changed); });
    $('compare').addEventListener('change', markDiffers);
    $('only-differs').addEventListener('change', markDiffers);
    $('setup').addEventListener('submit', function (e) { e.preventDefault(); run(); });
    $('cancel').addEventListener('click', cancel);
    $('save').addEventListener('click', save);
    $('language').addEventListener('change', function () { setLanguage($('language').value); });
    setLanguage('en');
  }

  function leverRow(l) {
    var row = document.createElement('div');
    row.className = 'lever';
    row.id = 'row-' + l.name;
    row.dataset.lever = l.name;
    var label = document.createElement('label');
    label.htmlFor = 'lever-' + l.name;
    var code = document.createElement('code');
    code.textContent = l.name;
    label.appendChild(code);
    row.appendChild(label);
    var control = document.createElement('div');
    control.className = 'control';
    var input;
    if (l.kind === 'enum') {
      input = document.createElement('select');
      l.allowed.forEach(function (v) { var o = document.createElement('option'); o.value = v; o.textContent = v; input.appendChild(o); });
      control.appendChild(input);
    } else if (l.kind === 'bool') {
      input = document.createElement('input');
      input.type = 'checkbox';
      control.appendChild(input);
    } else {
      input = document.createElement('input');
      input.type = 'number';
      input.min = l.min;
      input.max = l.max;
      input.step = l.kind === 'integer' ? '1' : 'any';
      if (l.max - l.min <= 10000) {
        var range = document.createElement('input');
        range.type = 'range';
        range.id = 'lever-' + l.name + '-range';
        range.min = l.min;
        range.max = l.max;
        range.step = l.kind === 'integer' ? '1' : String((l.max - l.min) / 100);
        range.setAttribute('aria-label', l.name);
        range.setAttribute('aria-describedby', 'help-' + l.name);
        range.addEventListener('input', function () { input.value = range.value; leverChanged(l.name); });
        control.appendChild(range);
      }
      control.appendChild(input);
    }
    input.id = 'lever-' + l.name;
    input.className = 'lever-input';
    input.setAttribute('aria-describedby', 'help-' + l.name + ' preset-' + l.name);
    input.addEventListener(l.kind === 'enum' || l.kind === 'bool' ? 'change' : 'input', function () {
      var range = $('lever-' + l.name + '-range');
      if (range && input.value !== '') range.value = input.value;
      leverChanged(l.name);
    });
    row.appendChild(control);
    var presetValue = document.createElement('span');
    presetValue.className = 'preset-value';
    presetValue.id = 'preset-' + l.name;
    row.appendChild(presetValue);
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.className = 'reset';
    reset.textContent = '↺';
    reset.addEventListener('click', function () { setLever(l, preset($('preset').value).levers[l.name]); leverChanged(l.name); });
    row.appendChild(reset);
    var info = document.createElement('button');
    info.type = 'button';
    info.className = 'info';
    info.textContent = '?';
    info.setAttribute('aria-expanded', 'false');
    info.setAttribute('aria-controls', 'help-' + l.name);
    info.addEventListener('click', function () {
      var open = row.classList.toggle('open');
      info.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    row.appendChild(info);
    var mark = document.createElement('span');
    mark.className = 'differs-mark';
    row.appendChild(mark);
    var help = document.createElement('div');
    help.className = 'lever-help';
    help.id = 'help-' + l.name;
    help.setAttribute('role', 'tooltip');
    var meaning = document.createElement('p');
    meaning.textContent = l.meaning;
    help.appendChild(meaning);
    var allowed = document.createElement('p');
    allowed.className = 'allowed';
    help.appendChild(allowed);
    var paper = document.createElement('p');
    paper.className = 'paper';
    help.appendChild(paper);
    row.appendChild(help);
    return row;
  }

  function describeLever(l) {
    var row = $('row-' + l.name);
    row.querySelector('.reset').setAttribute('aria-label', t('reset', l.name));
    row.querySelector('.info').setAttribute('aria-label', t('about', l.name));
    row.querySelector('.allowed').textContent = l.kind === 'enum' ? t('allowed') + ': ' + l.allowed.join(', ')
      : l.kind === 'bool' ? t('allowed') + ': true, false' : t('range') + ': ' + l.min.toLocaleString('en-US') + ' – ' + l.max.toLocaleString('en-US') + (l.kind === 'integer' ? ' (integer)' : '');
    row.querySelector('.paper').textContent = t('paper') + ': ' + l.paper + ' · ' + t('docs') + l.sections;
  }

  function setLever(l, value) {
    var input = $('lever-' + l.name);
    if (l.kind === 'bool') input.checked = value === true;
    else input.value = value;
    var range = $('lever-' + l.name + '-range');
    if (range) range.value = value;
  }

  function leverValue(l) {
    var input = $('lever-' + l.name);
    if (l.kind === 'bool') return input.checked;
    if (l.kind === 'enum') return input.value;
    var text = input.value.trim();
    // a number as typed; anything else goes to the validator as text, which says what is allowed
    return text !== '' && isFinite(Number(text)) ? Number(text) : (input.validity && input.validity.badInput ? 'not a number' : text);
  }

  function loadPreset(name) {
    var p = preset(name);
    model.levers.forEach(function (l) { setLever(l, p.levers[l.name]); });
    $('compare').value = $('baseline').value;
    markDiffers();
  }

  function leverChanged() { markDiffers(); changed(); }

  function markDiffers() {
    var chosen = preset($('preset').value), compare = preset($('compare').value), only = $('only-differs').checked;
    var differing = [];
    model.levers.forEach(function (l) {
      var row = $('row-' + l.name), value = leverValue(l);
      row.querySelector('.preset-value').textContent = t('preset') + ': ' + show(chosen.levers[l.name]);
      var edited = !same(value, chosen.levers[l.name]);
      row.classList.toggle('changed', edited);
      var differs = !same(value, compare.levers[l.name]);
      row.classList.toggle('differs', differs);
      row.querySelector('.differs-mark').textContent = differs ? t('differsMark', compare.name, show(compare.levers[l.name])) : '';
      row.hidden = only && !differs;
      if (differs) differing.push(l.name);
    });
    $('differs-summary').textContent = differing.length === 0 ? t('differsNone', compare.name) : t('differsSome', differing.length, compare.name, differing.join(', '));
  }

  function request() {
    var chosen = preset($('preset').value);
    var levers = {};
    model.levers.forEach(function (l) {
      var v = leverValue(l);
      if (!same(v, chosen.levers[l.name])) levers[l.name] = v;
    });
    var r = { regime: chosen.name, baseline: $('baseline').value, levers: levers };
    ['subjects', 'users', 'ticks', 'replicates', 'seed'].forEach(function (k) {
      var text = $(k).value.trim();
      if (k === 'users' && text === '') return;
      r[k] = text !== '' && isFinite(Number(text)) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
    });
    return r;
  }

  /* ---------- validation: the loader's own messages ---------- */
  function changed() {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(function () {
      post('/api/validate', request()).then(showProblems).catch(function () { });
    }, 250);
  }

  function showProblems(answer) {
    var box = $('problems');
    box.textContent = '';
    document.querySelectorAll('[aria-invalid="true"]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    if (!answer || answer.ok !== false) return;
    var head = document.createElement('p');
    head.textContent = t('problems');
    box.appendChild(head);
    var list = document.createElement('ul');
    list.className = 'problems';
    (answer.problems || []).forEach(function (p) { var li = document.createElement('li'); li.textContent = p; list.appendChild(li); });
    box.appendChild(list);
    (answer.fields || []).forEach(function (path) {
      var lever = /\.levers\.([a-z_0-9]+)/.exec(path), field = /^\$\.(?:population\.)?(subjects|users|ticks|replicates|seed)/.exec(path);
      var target = lever ? $('lever-' + lever[1]) : field ? $(field[1]) : null;
      if (target) target.setAttribute('aria-invalid', 'true');
    });
  }

  /* ---------- running ---------- */
  function run() {
    var body = request();
    $('run').disabled = true;
    post('/api/jobs', body).then(function (answer) {
      if (answer.status !== 201) { showProblems(answer); $('run').disabled = false; return; }
      showProblems(null);
      attach(answer.id, JSON.stringify(body));
    }).catch(function (e) { $('progress-text').textContent = t('failed', String(e)); $('run').disabled = false; });
  }

  function attach(id, key) {
    if (source) source.close();
    job = { id: id, key: key, start: null, levels: {}, difference: {}, result: null, state: 'running' };
    history.replaceState(null, '', '#job=' + id);
    $('run').disabled = true;
    $('cancel').disabled = false;
    $('progress').value = 0;
    $('progress-text').textContent = t('starting');
    $('results').setAttribute('aria-busy', 'true');
    $('headline').querySelector('tbody').textContent = '';
    source = new EventSource('/api/jobs/' + id + '/events');
    source.addEventListener('start', function (e) { onStart(JSON.parse(e.data)); });
    source.addEventListener('progress', function (e) { onProgress(JSON.parse(e.data)); });
    source.addEventListener('result', function (e) { job.result = JSON.parse(e.data); drawTable(); });
    source.addEventListener('done', function (e) { finish('done', JSON.parse(e.data)); });
    source.addEventListener('cancelled', function (e) { finish('cancelled', JSON.parse(e.data)); });
    source.addEventListener('failure', function (e) { finish('failed', JSON.parse(e.data)); });
    source.onerror = function () {
      // EventSource reconnects by itself (Last-Event-ID: the server sends the rest); CLOSED means the job is gone
      if (source && source.readyState === EventSource.CLOSED && job.state === 'running') {
        $('progress-text').textContent = t('lost');
        $('run').disabled = false;
        $('cancel').disabled = true;
        $('results').removeAttribute('aria-busy');
      }
    };
  }

  function onStart(d) {
    job.start = d;
    model.metrics.forEach(function (m) {
      job.difference[m.name] = { mean: [], low: [], high: [] };
      d.regimes.forEach(function (r) { (job.levels[r.name] = job.levels[r.name] || {})[m.name] = { mean: [], low: [], high: [] }; });
    });
    $('col-baseline').textContent = regimeLabel(d.baseline);
    $('col-regime').textContent = regimeLabel(d.regime);
    queueDraw();
  }

  function put(target, block, from) {
    ['mean', 'low', 'high'].forEach(function (part) { block[part].forEach(function (v, i) { target[part][from + i] = v; }); });
  }

  function onProgress(d) {
    d.regimes.forEach(function (block) {
      model.metrics.forEach(function (m) { put(job.levels[block.name][m.name], block[m.name], block.from); });
    });
    model.metrics.forEach(function (m) { put(job.difference[m.name], d.difference[m.name], d.difference.from); });
    $('progress').value = d.subjectTicksTotal ? d.subjectTicksDone / d.subjectTicksTotal : 0;
    job.progress = d;
    if (job.state === 'running') $('progress-text').textContent = t('progress', d.runsDone, d.runsTotal, d.tick, d.ticks, d.seconds.toFixed(1));
    queueDraw();
  }

  function finish(state, d) {
    job.state = state;
    job.end = d;
    if (source) { source.close(); source = null; }
    $('run').disabled = false;
    $('cancel').disabled = true;
    $('results').removeAttribute('aria-busy');
    if (state === 'done') $('progress').value = 1;
    statusText();
    queueDraw();
  }

  function statusText() {
    if (!job || !job.end) return;
    var s = job.start || {};
    $('progress-text').textContent = job.state === 'done' ? t('done', job.end.seconds.toFixed(1), s.runs, (s.subjects || 0).toLocaleString('en-US'), s.ticks)
      : job.state === 'cancelled' ? t('cancelled', job.end.seconds.toFixed(1)) : t('failed', job.end.message);
  }

  function cancel() {
    if (!job) return;
    $('cancel').disabled = true;
    post('/api/jobs/' + job.id + '/cancel', {}).catch(function () { });
  }

  function save() {
    var body = request();
    if (job && job.key === JSON.stringify(body)) { download('/api/jobs/' + job.id + '/experiment.json'); return; }
    post('/api/validate', body).then(function (answer) {
      showProblems(answer);
      if (answer.ok) download(URL.createObjectURL(new Blob([answer.document], { type: 'application/json' })));
    });
  }

  function download(href) {
    var a = document.createElement('a');
    a.href = href;
    a.download = model.experimentFile;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  /* ---------- table and charts ---------- */
  function metric(name) { return model.metrics.find(function (m) { return m.name === name; }); }

  function cell(tr, interval, kind, signed, role) {
    var td = document.createElement('td');
    td.className = 'num ' + role;
    td.dataset.mean = interval.text[0];
    td.dataset.low = interval.text[1];
    td.dataset.high = interval.text[2];
    var main = document.createElement('span');
    main.className = 'value';
    main.textContent = C.formatValue(interval.mean, kind, signed);
    td.appendChild(main);
    if (interval.low != null) {
      var ci = document.createElement('span');
      ci.className = 'ci';
      ci.textContent = ' [' + C.formatValue(interval.low, kind, signed) + ', ' + C.formatValue(interval.high, kind, signed) + ']';
      td.appendChild(ci);
    }
    tr.appendChild(td);
  }

  function drawTable() {
    var body = $('headline').querySelector('tbody');
    body.textContent = '';
    if (!job || !job.result) return;
    job.result.rows.forEach(function (row) {
      var m = metric(row.metric);
      var tr = document.createElement('tr');
      tr.dataset.metric = row.metric;
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = m[lang];
      th.title = m.meaning;
      tr.appendChild(th);
      var unit = document.createElement('td');
      unit.textContent = m.runUnit;
      tr.appendChild(unit);
      cell(tr, row.baseline, m.kind, false, 'baseline');
      cell(tr, row.regime, m.kind, false, 'regime');
      cell(tr, row.difference, m.kind, true, 'difference');
      body.appendChild(tr);
    });
  }

  /* redraws at most every 0.75 s while a run goes on: the browser shares the cores with the simulation */
  var lastDraw = 0;
  function queueDraw() {
    if (drawQueued) return;
    drawQueued = true;
    var wait = job && job.state === 'running' ? Math.max(0, lastDraw + 750 - Date.now()) : 0;
    setTimeout(function () {
      requestAnimationFrame(function () { drawQueued = false; lastDraw = Date.now(); drawCharts(); });
    }, wait);
  }

  function chartBox(grid, id) {
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement('div');
      box.className = 'chart-box';
      box.id = id;
      grid.appendChild(box);
    }
    return box;
  }

  function drawCharts() {
    if (!job || !job.start) return;
    var d = job.start, texts = model.texts[lang], xMax = d.ticks - 1;
    var regimes = d.regimes.map(function (r) { return { key: r.name, label: regimeLabel(r.name), color: r.color }; });
    C.legend($('legend'), regimes, hidden, function (key, shown) { if (shown) hidden.delete(key); else hidden.add(key); drawCharts(); }, texts.band95);
    model.metrics.forEach(function (m) {
      var flow = m.nature === 'flow', title = flow ? t('cumulative', m[lang]) : m[lang];
      var levels = job.levels, n = levels[d.regimes[0].name][m.name].mean.length;
      n = Math.max(n, levels[d.regimes[1].name][m.name].mean.length);
      var x = []; for (var i = 0; i < n; i++) x.push(i);
      C.lineChart(chartBox($('level-charts'), 'level-' + m.name), {
        metric: m.name, title: title, unit: flow ? m.runUnit : m.unit, kind: m.kind, xLabel: texts.timeAxis, x: x, xMax: xMax, hidden: hidden,
        series: regimes.map(function (r) { var s = levels[r.key][m.name]; return { key: r.key, label: r.label, color: r.color, mean: s.mean, low: s.low, high: s.high }; }),
      });
      var diff = job.difference[m.name], dx = []; for (var k = 0; k < diff.mean.length; k++) dx.push(k);
      C.lineChart(chartBox($('difference-charts'), 'difference-' + m.name), {
        metric: m.name, title: 'Δ ' + title, unit: flow ? m.runUnit : m.unit, kind: m.kind, signed: true, xLabel: texts.timeAxis, x: dx, xMax: xMax,
        series: [{ key: 'difference', label: regimeLabel(d.regime) + ' − ' + regimeLabel(d.baseline), color: regimes[1].color, mean: diff.mean, low: diff.low, high: diff.high }],
      });
    });
  }

  function setLanguage(value) {
    lang = value;
    document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-text]').forEach(function (e) { e.textContent = t(e.dataset.text); });
    ['preset', 'baseline', 'compare'].forEach(function (id) {
      Array.prototype.forEach.call($(id).options, function (o) { o.textContent = preset(o.value)[lang] + (lang === 'zh' ? '（' + o.value + '）' : ''); });
    });
    model.levers.forEach(describeLever);
    markDiffers();
    if (job && job.start) {
      $('col-baseline').textContent = regimeLabel(job.start.baseline);
      $('col-regime').textContent = regimeLabel(job.start.regime);
    }
    if (job && job.state !== 'running') statusText();
    drawTable();
    queueDraw();
  }

  fetch('/api/model').then(function (r) { return r.json(); }).then(function (m) {
    model = m;
    build();
    document.body.dataset.ready = 'true';
    var again = /job=([0-9a-f]+)/.exec(location.hash);
    if (again) attach(again[1], null);
  });
})();
