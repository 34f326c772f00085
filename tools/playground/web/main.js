// The page: the settings form, the training controls, and the pictures, redrawn on every frame the
// server sends. The network is trained and traced in Java (tools/playground/); this file only asks.
import { get, post, listen } from './api.js';
import { drawBoundary, drawCurves, drawNetwork, hitTest, networkSize, toPixel } from './draw.js';
import { showTrace, explain } from './trace.js';

const $ = (id) => document.getElementById(id);
const view = { options: null, state: null, frame: null, trace: null, places: null, hover: null, error: '' };
let layers = [];

function say(error) {
  view.error = error || '';
  const text = view.error || (view.frame && view.frame.message) || '';
  $('message').textContent = text;
  $('message').hidden = text === '';
}

async function attempt(work) {
  try {
    await work();
    say('');
  } catch (e) {
    say(e.message);
  }
}

function fill(select, names) {
  select.replaceChildren(...names.map((n) => new Option(n, n)));
}

function renderLayers() {
  $('layers').replaceChildren(...layers.map((layer, i) => {
    const row = document.createElement('div');
    row.className = 'layer';
    const width = document.createElement('input');
    Object.assign(width, { type: 'number', min: 1, max: view.options.maxWidth, value: layer.width, title: 'neurons' });
    width.addEventListener('change', () => { layer.width = Number(width.value); apply(); });
    const activation = document.createElement('select');
    fill(activation, view.options.activations);
    activation.value = layer.activation;
    activation.addEventListener('change', () => { layer.activation = activation.value; apply(); });
    const remove = document.createElement('button');
    Object.assign(remove, { type: 'button', textContent: '−', title: 'remove this layer' });
    remove.addEventListener('click', () => { layers.splice(i, 1); renderLayers(); apply(); });
    row.append(`hidden ${i + 1}`, width, activation, remove);
    return row;
  }));
}

const NUMBERS = ['points', 'noise', 'testFraction', 'seed', 'eta', 'mu', 'rho', 'beta1', 'beta2', 'eps', 'batchSize'];
const CHOICES = ['data', 'cost', 'init', 'optimizer'];

function fillForm(spec) {
  NUMBERS.forEach((k) => { $(k).value = spec[k]; });
  CHOICES.forEach((k) => { $(k).value = spec[k]; });
  $('batchNorm').checked = spec.batchNorm;
  layers = spec.hidden.map((width, i) => ({ width, activation: spec.activations[i] }));
  $('output-activation').value = spec.activations[spec.activations.length - 1];
  // with the cross-entropy the output is a softmax, part of the cost
  $('output-activation').disabled = spec.cost === 'cross-entropy';
  renderLayers();
  showOptimizerSettings();
}

function readForm() {
  const spec = {};
  NUMBERS.forEach((k) => { spec[k] = Number($(k).value); });
  CHOICES.forEach((k) => { spec[k] = $(k).value; });
  spec.batchNorm = $('batchNorm').checked;
  spec.hidden = layers.map((l) => l.width);
  spec.activations = [...layers.map((l) => l.activation), $('output-activation').value];
  return spec;
}

function showOptimizerSettings() {
  document.querySelectorAll('label[data-for]').forEach((label) => {
    label.hidden = !label.dataset.for.split(' ').includes($('optimizer').value);
  });
}

async function refreshState() {
  view.state = await get('/api/state');
  $('code').textContent = `running on ${view.state.code}`;
  fillForm(view.state.spec);
}

async function apply() {
  await attempt(async () => {
    view.trace = null;
    view.state = await post('/api/config', readForm());
    fillForm(view.state.spec);
    redraw();
  });
}

function percent(v) {
  return v === null || v === undefined ? '–' : `${(100 * v).toFixed(1)}%`;
}

function onFrame(frame) {
  view.frame = frame;
  if (view.state && frame.dataVersion !== view.state.dataVersion) {
    view.trace = null;
    refreshState().then(redraw, (e) => say(e.message));
  }
  $('epoch').textContent = String(frame.epoch);
  $('play').textContent = frame.playing ? '❚❚ pause' : '▶ play';
  const h = frame.history;
  const last = h.epoch.length - 1;
  if (last >= 0) {
    const cost = (v) => (v === null ? '–' : v.toPrecision(3));
    $('scores').innerHTML = `cost <b>${cost(h.trainCost[last])}</b> train, <b>${cost(h.testCost[last])}</b> test · accuracy `
      + `<b id="train-accuracy">${percent(h.trainAccuracy[last])}</b> train, <b id="test-accuracy">${percent(h.testAccuracy[last])}</b> test`;
  }
  say(view.error);
  redraw();
}

function redraw() {
  const frame = view.frame;
  drawBoundary($('boundary'), frame, view.state, view.trace ? view.trace.example : null);
  drawCurves($('curves'), frame ? frame.history : null);
  if (frame && frame.network) {
    const size = networkSize(frame.network.widths);
    const canvas = $('network');
    if (canvas.width !== size.width || canvas.height !== size.height) Object.assign(canvas, size);
    const traced = view.trace && view.trace.stages.length === frame.network.widths.length - 1 ? view.trace : null;
    view.places = drawNetwork(canvas, frame, view.hover, traced);
  }
}

async function trace(example) {
  await attempt(async () => {
    view.trace = await get(`/api/trace?example=${example}`);
    showTrace($('trace-table'), $('trace-summary'), view.trace);
    redraw();
  });
}

function download(name, href) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

// The decision boundary and the network side by side in one PNG.
function savePicture() {
  const left = $('boundary');
  const right = $('network');
  const both = document.createElement('canvas');
  both.width = left.width + right.width + 20;
  both.height = Math.max(left.height, right.height);
  const ctx = both.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, both.width, both.height);
  ctx.drawImage(left, 0, 0);
  ctx.drawImage(right, left.width + 20, 0);
  both.toBlob((blob) => {
    const url = URL.createObjectURL(blob);
    download('playground.png', url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, 'image/png');
}

function wire() {
  [...NUMBERS, ...CHOICES, 'batchNorm', 'output-activation'].forEach((id) => $(id).addEventListener('change', () => {
    showOptimizerSettings();
    apply();
  }));
  $('add-layer').addEventListener('click', () => {
    if (layers.length >= view.options.maxLayers) return;
    layers.push({ width: 4, activation: layers.length ? layers[layers.length - 1].activation : 'tanh' });
    renderLayers();
    apply();
  });
  $('csv').addEventListener('change', async () => {
    const file = $('csv').files[0];
    if (!file) return;
    await attempt(async () => {
      view.trace = null;
      view.state = await post(`/api/csv?name=${encodeURIComponent(file.name)}`, await file.text(), 'text/plain; charset=utf-8');
      fillForm(view.state.spec);
    });
    $('csv').value = '';
  });
  $('play').addEventListener('click', () => attempt(() => post(view.frame && view.frame.playing ? '/api/pause' : '/api/play')));
  $('step').addEventListener('click', () => attempt(() => post('/api/step')));
  $('reset').addEventListener('click', () => attempt(async () => { view.trace = null; await post('/api/reset'); }));
  $('trace').addEventListener('click', () => trace(Number($('example').value)));
  $('boundary').addEventListener('click', (e) => {
    if (!view.state || !view.frame || !view.frame.domain) return;
    const canvas = $('boundary');
    const r = canvas.getBoundingClientRect();
    const x = (e.clientX - r.left) * canvas.width / r.width;
    const y = (e.clientY - r.top) * canvas.height / r.height;
    let best = -1;
    let bestDistance = 8;
    view.state.train.forEach((p, i) => {
      const [px, py] = toPixel(view.frame.domain, canvas.width, canvas.height, p[0], p[1]);
      const d = Math.hypot(px - x, py - y);
      if (d < bestDistance) { best = i; bestDistance = d; }
    });
    if (best >= 0) {
      $('example').value = String(best);
      trace(best);
    }
  });
  $('network').addEventListener('mousemove', (e) => {
    const canvas = $('network');
    const r = canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    view.hover = view.frame && view.frame.network ? hitTest(view.places, view.frame.network.widths, x, y) : null;
    const text = explain(view.hover, view.trace, view.frame);
    const tip = $('tooltip');
    tip.hidden = !text;
    if (text) {
      tip.textContent = text;
      tip.style.left = `${x + 14}px`;
      tip.style.top = `${y + 14}px`;
    }
    redraw();
  });
  $('network').addEventListener('mouseleave', () => { view.hover = null; $('tooltip').hidden = true; redraw(); });
  $('export-weights').addEventListener('click', () => attempt(async () => {
    const response = await fetch('/api/weights', { cache: 'no-store' });
    if (!response.ok) throw new Error((await response.json()).error);
    const url = URL.createObjectURL(await response.blob());
    download('playground-weights.txt', url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }));
  $('export-png').addEventListener('click', savePicture);
}

async function start() {
  await attempt(async () => {
    view.options = await get('/api/options');
    fill($('data'), view.options.data);
    ['cost', 'init', 'optimizer'].forEach((k) => fill($(k), view.options[`${k}s`]));
    fill($('output-activation'), view.options.activations);
    await refreshState();
    wire();
    listen(onFrame, (open) => { $('connection').textContent = open ? 'live' : 'reconnecting…'; });
  });
}

// For the browser test and for curious students at the console: what the page holds.
window.playground = view;
start();
