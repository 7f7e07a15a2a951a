/* The tsnets dashboard page: draws the state it is given (a report) or streams it from the server (live). */
/* global uPlot */
(function () {
  'use strict';
  const config = window.TSNETS_DASHBOARD;
  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
  let state = config.live
    ? { title: '', status: 'waiting', regularizers: [], epochs: [], best: { epoch: 0, loss: null } }
    : config.state;
  const charts = {};
  let drawn = -1;

  const $ = (id) => document.getElementById(id);
  const fmt = (v) =>
    v === null || v === undefined || Number.isNaN(v)
      ? '-'
      : Math.abs(v) >= 1e-3 || v === 0
        ? v.toFixed(4)
        : v.toExponential(3);
  /** A y-axis label: plain for ordinary values, exponential for tiny ones (a log scale reaches 1e-5). */
  const axisLabel = (v) =>
    v === null || v === undefined
      ? ''
      : Math.abs(v) >= 1e-3 || v === 0
        ? String(+v.toPrecision(3))
        : v.toExponential(0);
  const text = (tag, content) => {
    const element = document.createElement(tag);
    element.textContent = content;
    return element;
  };

  /** Marks the best epoch with a dashed vertical line. */
  function bestLine() {
    return {
      hooks: {
        draw: (u) => {
          const best = state.best && state.best.epoch;
          if (best === undefined || best === null || !Number.isFinite(state.best.loss)) return;
          const x = Math.round(u.valToPos(best, 'x', true));
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#2ca02c';
          ctx.setLineDash([6, 4]);
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      },
    };
  }

  /** One chart: series of [label, value-of-epoch-entry] pairs against the epoch. */
  function draw(id, series) {
    const host = $(id);
    const log = $('log-scale').checked;
    const rows = state.epochs;
    const clean = (v) => (v === null || v === undefined || !Number.isFinite(v) || (log && v <= 0) ? null : v);
    const data = [rows.map((e) => e.epoch), ...series.map(([, pick]) => rows.map((e) => clean(pick(e))))];
    const kept = series.filter((_, i) => data[i + 1].some((v) => v !== null));
    const keptData = [data[0], ...data.slice(1).filter((column) => column.some((v) => v !== null))];
    host.dataset.points = String(rows.length);
    const width = Math.max(host.clientWidth, 360);
    const options = {
      width,
      height: 240,
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      axes: [{ label: 'epoch' }, { values: (u, splits) => splits.map(axisLabel), size: 60 }],
      series: [{ label: 'epoch' }].concat(
        kept.map(([label], i) => ({
          label,
          stroke: COLORS[i % COLORS.length],
          width: 2,
          spanGaps: true,
          dash: label.startsWith('train') ? [5, 4] : undefined,
          points: { show: rows.length < 60 },
        })),
      ),
      plugins: [bestLine()],
    };
    if (charts[id]) charts[id].destroy();
    host.textContent = '';
    if (kept.length === 0 || rows.length === 0) {
      host.appendChild(text('p', 'no values yet')).className = 'empty';
      charts[id] = null;
      return;
    }
    charts[id] = new uPlot(options, keptData, host);
  }

  /** The keys of a keyed part (`terms`, `gradients`) of the validation values, in order of appearance. */
  function validKeys(part) {
    const keys = [];
    for (const e of state.epochs)
      for (const k of Object.keys((e.valid && e.valid[part]) || {})) if (!keys.includes(k)) keys.push(k);
    return keys;
  }

  function drawCharts() {
    draw('loss-chart', [
      ['train loss', (e) => e.train && e.train.loss],
      ['valid loss', (e) => e.valid && e.valid.loss],
    ]);
    const classifier = state.epochs.some((e) => e.valid && typeof e.valid.acc === 'number');
    $('err-title').textContent = classifier ? 'Error and accuracy' : 'Error (the first loss)';
    draw('err-chart', [
      ['train err', (e) => e.train && e.train.err],
      ['valid err', (e) => e.valid && e.valid.err],
      ['valid acc', (e) => e.valid && e.valid.acc],
    ]);
    draw(
      'terms-chart',
      validKeys('terms').map((key) => [`valid ${key}`, (e) => e.valid && e.valid.terms && e.valid.terms[key]]),
    );
    const gradients = validKeys('gradients');
    $('gradients-panel').hidden = gradients.length === 0;
    if (gradients.length > 0) {
      draw(
        'gradients-chart',
        gradients.map((key) => [`|d loss / d ${key}|`, (e) => e.valid && e.valid.gradients && e.valid.gradients[key]]),
      );
    }
  }

  function drawRegularizers() {
    const host = $('regularizers');
    host.textContent = '';
    const rewrites = [];
    for (const e of state.epochs) if (e.train && e.train.graph) Object.assign(rewrites, e.train.graph);
    if (state.regularizers.length === 0) {
      host.appendChild(text('p', 'none: the loss is the error alone')).className = 'empty';
      return;
    }
    const table = document.createElement('table');
    const head = table.insertRow();
    for (const title of ['keyword', 'id', 'weight', 'options', 'matched']) head.appendChild(text('th', title));
    for (const r of state.regularizers) {
      const row = table.insertRow();
      row.insertCell().textContent = r.keyword || r.id;
      row.insertCell().textContent = r.id;
      row.insertCell().textContent = r.weight === 0 && Object.keys(r.options).length ? '-' : String(r.weight);
      row.insertCell().textContent = Object.keys(r.options).length ? JSON.stringify(r.options) : '';
      row.insertCell().textContent = r.targets.join(', ');
    }
    host.appendChild(table);
  }

  function drawActivity() {
    const host = $('activity');
    host.textContent = '';
    const last = [...state.epochs].reverse().find((e) => e.activity);
    if (!last) {
      host.appendChild(
        text(
          'p',
          'not measured: the dashboard measures it during a run (--dashboard, or serveDashboard with a sample)',
        ),
      ).className = 'empty';
      return;
    }
    const table = document.createElement('table');
    for (const [layer, fraction] of Object.entries(last.activity)) {
      const row = table.insertRow();
      row.insertCell().textContent = layer;
      const bar = row.insertCell();
      const span = document.createElement('span');
      span.className = 'bar';
      span.style.width = `${Math.round(fraction * 200)}px`;
      bar.appendChild(span);
      row.insertCell().textContent = `${(100 * fraction).toFixed(1)}%`;
    }
    host.appendChild(table);
    host.appendChild(text('p', `after epoch ${last.epoch}; |h| < 0.001 counts as zero`));
  }

  function drawFeatures() {
    const features = state.features;
    const canvas = $('features');
    if (!features) {
      $('features-note').textContent = 'shown when the inputs are square images (784 as 28 x 28)';
      return;
    }
    if (Number(canvas.dataset.version) === features.version) return;
    const bytes = Uint8Array.from(atob(features.pixels), (c) => c.charCodeAt(0));
    const { side, count } = features;
    const columns = Math.ceil(Math.sqrt(count));
    const rows = Math.ceil(count / columns);
    const cell = side + 1;
    canvas.width = columns * cell + 1;
    canvas.height = rows * cell + 1;
    const scale = Math.max(1, Math.floor(360 / canvas.width));
    canvas.style.width = `${canvas.width * scale}px`;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#444';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const image = ctx.createImageData(side, side);
    for (let t = 0; t < count; t++) {
      for (let i = 0; i < side * side; i++) {
        const v = bytes[t * side * side + i];
        image.data.set([v, v, v, 255], i * 4);
      }
      ctx.putImageData(image, 1 + (t % columns) * cell, 1 + Math.floor(t / columns) * cell);
    }
    canvas.dataset.version = String(features.version);
    $('features-note').textContent =
      `${count} units of the first layer, ${side} x ${side}, ${state.status === 'report' ? 'as saved' : 'refreshed at each validation'}`;
  }

  function drawStatus() {
    const last = state.epochs[state.epochs.length - 1];
    const epoch = last ? last.epoch : 0;
    const best = Number.isFinite(state.best.loss)
      ? `best valid loss ${fmt(state.best.loss)} at epoch ${state.best.epoch}`
      : '';
    const words = { waiting: 'waiting for training', running: 'training', ended: 'ended', report: 'report' };
    const reason = state.reason ? ` (${state.reason})` : '';
    $('status').textContent =
      `${words[state.status] || state.status}${reason} - epoch ${epoch} - ${best} ${state.algo ? '- ' + state.algo : ''}`;
    $('status').dataset.status = state.status;
    $('title').textContent = state.title;
    const stop = $('stop');
    if (stop && state.status !== 'running' && state.status !== 'waiting') stop.disabled = true;
  }

  function render(full) {
    drawStatus();
    if (full || drawn !== state.epochs.length) {
      drawCharts();
      drawn = state.epochs.length;
    }
    drawRegularizers();
    drawActivity();
    drawFeatures();
  }

  function merge(part) {
    let entry = state.epochs.find((e) => e.epoch === part.epoch);
    if (!entry) {
      entry = { epoch: part.epoch };
      state.epochs.push(entry);
      state.epochs.sort((a, b) => a.epoch - b.epoch);
    }
    Object.assign(entry, part);
  }

  $('log-scale').addEventListener('change', () => render(true));
  window.addEventListener('resize', () => render(true));

  if (!config.live) {
    render(true);
    return;
  }
  const stop = $('stop');
  stop.addEventListener('click', async () => {
    stop.disabled = true;
    stop.textContent = 'Stopping...';
    const response = await fetch('/stop', { method: 'POST', headers: { 'X-Tsnets-Token': config.token } });
    stop.textContent = response.ok ? 'Stop requested' : 'Stop refused';
  });
  const events = new EventSource('/events');
  events.addEventListener('snapshot', (event) => {
    state = JSON.parse(event.data);
    render(true);
  });
  events.addEventListener('epoch', (event) => {
    merge(JSON.parse(event.data));
    render(false);
  });
  events.addEventListener('update', (event) => {
    Object.assign(state, JSON.parse(event.data));
    render(false);
  });
  events.addEventListener('error', () => {
    if (state.status === 'ended') events.close();
  });
})();
