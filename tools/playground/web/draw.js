// Drawing on canvases: the decision boundary with the points, the cost curves, and the network with
// every neuron's picture and its weights. Nothing here computes the network: the values are the
// server's (tools/playground/Frame.java), only turned into colours and positions.

export const CLASS_COLOURS = ['#f59322', '#0877bd', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const POSITIVE = [8, 119, 189];
const NEGATIVE = [245, 147, 34];

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(colour, t) {
  return colour.map((c) => Math.round(255 + (c - 255) * t));
}

export function bytes(base64) {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

// The canvas position of the point (x1, x2) for the square domain [x1min, x1max, x2min, x2max].
export function toPixel(domain, width, height, x1, x2) {
  return [(x1 - domain[0]) / (domain[1] - domain[0]) * width, (domain[3] - x2) / (domain[3] - domain[2]) * height];
}

// An n×n picture from one byte per cell, row by row from the top, scaled to w×h at (x, y).
function picture(ctx, n, colourOf, x, y, w, h) {
  const image = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const c = colourOf(i);
    image.data.set([c[0], c[1], c[2], 255], 4 * i);
  }
  const tile = document.createElement('canvas');
  tile.width = n;
  tile.height = n;
  tile.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tile, x, y, w, h);
}

// The decision boundary (the class the network predicts, paler where it is unsure) and the points:
// training points filled, test points with a dark ring; the traced example circled.
export function drawBoundary(canvas, frame, state, selected) {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  if (!frame || !frame.domain) return;
  if (frame.boundary) {
    const cls = bytes(frame.boundary.cls);
    const conf = bytes(frame.boundary.conf);
    picture(ctx, frame.boundary.n, (i) => mix(rgb(CLASS_COLOURS[cls[i]]), 0.12 + 0.55 * conf[i] / 255), 0, 0, width, height);
  }
  if (!state || !state.train) return;
  const dot = (p, test) => {
    const [x, y] = toPixel(frame.domain, width, height, p[0], p[1]);
    ctx.beginPath();
    ctx.arc(x, y, 4, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLOURS[p[2]];
    ctx.fill();
    ctx.lineWidth = test ? 2 : 1;
    ctx.strokeStyle = test ? '#222' : '#fff';
    ctx.stroke();
  };
  state.train.forEach((p) => dot(p, false));
  state.test.forEach((p) => dot(p, true));
  if (selected !== null && state.train[selected]) {
    const p = state.train[selected];
    const [x, y] = toPixel(frame.domain, width, height, p[0], p[1]);
    ctx.beginPath();
    ctx.arc(x, y, 9, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = '#000';
    ctx.stroke();
  }
}

// The training and test costs against the epoch, on a logarithmic cost axis.
export function drawCurves(canvas, history) {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const pad = { left: 44, right: 8, top: 8, bottom: 22 };
  ctx.strokeStyle = '#999';
  ctx.strokeRect(pad.left, pad.top, width - pad.left - pad.right, height - pad.top - pad.bottom);
  const epochs = history ? history.epoch : [];
  const series = [['trainCost', '#0877bd', 'train'], ['testCost', '#f59322', 'test']];
  const values = series.flatMap(([key]) => (history ? history[key] : [])).filter((v) => v !== null && v > 0);
  if (epochs.length === 0 || values.length === 0) return;
  const lo = Math.log10(Math.min(...values));
  const hi = Math.max(lo + 1e-6, Math.log10(Math.max(...values)));
  const last = Math.max(1, epochs[epochs.length - 1]);
  const x = (e) => pad.left + (e / last) * (width - pad.left - pad.right);
  const y = (v) => pad.top + (hi - Math.log10(v)) / (hi - lo) * (height - pad.top - pad.bottom);
  ctx.font = '11px sans-serif';
  ctx.fillStyle = '#444';
  ctx.fillText(Math.pow(10, hi).toPrecision(2), 2, pad.top + 9);
  ctx.fillText(Math.pow(10, lo).toPrecision(2), 2, height - pad.bottom);
  ctx.fillText(`epoch ${last}`, width - 70, height - 6);
  series.forEach(([key, colour, label], s) => {
    ctx.beginPath();
    let started = false;
    history[key].forEach((v, i) => {
      if (v === null || v <= 0) return;
      if (started) ctx.lineTo(x(epochs[i]), y(v));
      else ctx.moveTo(x(epochs[i]), y(v));
      started = true;
    });
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.fillStyle = colour;
    ctx.fillText(`— ${label}`, pad.left + 6 + 60 * s, height - 6);
  });
}

const NEURON = 40;
const GAP_Y = 16;
const COLUMN = 130;

// Where every neuron of the network is drawn: layout[l][j] = {x, y} of its top-left corner.
export function layout(widths, height) {
  return widths.map((n, l) => {
    const top = (height - n * (NEURON + GAP_Y) + GAP_Y) / 2;
    return Array.from({ length: n }, (_, j) => ({ x: 20 + l * COLUMN, y: top + j * (NEURON + GAP_Y) }));
  });
}

export function networkSize(widths) {
  return { width: 110 + (widths.length - 1) * COLUMN + NEURON, height: Math.max(...widths) * (NEURON + GAP_Y) + 30 };
}

// The network: every weight as a line from neuron k to neuron j (blue positive, orange negative,
// thicker when larger), every neuron as a picture of its output a over the plane.
export function drawNetwork(canvas, frame, hover, trace) {
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (!frame || !frame.network) return null;
  const net = frame.network;
  const places = layout(net.widths, canvas.height);
  for (let l = 1; l < net.widths.length; l++) {
    const W = net.weights[l - 1];
    W.forEach((row, j) => row.forEach((w, k) => {
      const from = places[l - 1][k];
      const to = places[l][j];
      const size = w === null ? 1 : Math.min(7, 0.4 + 2.2 * Math.abs(w));
      const colour = w === null ? [160, 160, 160] : w >= 0 ? POSITIVE : NEGATIVE;
      const active = hover && hover.kind === 'weight' && hover.l === l && hover.j === j && hover.k === k;
      ctx.strokeStyle = active ? '#000' : `rgba(${colour.join(',')},${w === null ? 0.6 : Math.min(0.9, 0.25 + Math.abs(w) / 2)})`;
      ctx.lineWidth = active ? size + 2 : size;
      ctx.beginPath();
      ctx.moveTo(from.x + NEURON, from.y + NEURON / 2);
      ctx.lineTo(to.x, to.y + NEURON / 2);
      ctx.stroke();
    }));
  }
  const n = Math.round(Math.sqrt(frame.neurons && frame.neurons[0] ? bytes(frame.neurons[0][0].a).length : 0));
  places.forEach((column, l) => column.forEach((p, j) => {
    if (l === 0) {
      // the inputs x1 and x2 themselves: a ramp across the plane
      const size = 24;
      picture(ctx, size, (i) => {
        const v = j === 0 ? ((i % size) + 0.5) / size * 2 - 1 : 1 - (Math.floor(i / size) + 0.5) / size * 2;
        return mix(v >= 0 ? POSITIVE : NEGATIVE, Math.abs(v));
      }, p.x, p.y, NEURON, NEURON);
    } else if (frame.neurons) {
      const q = bytes(frame.neurons[l - 1][j].a);
      picture(ctx, n, (i) => {
        const v = (q[i] - 128) / 127;
        return mix(v >= 0 ? POSITIVE : NEGATIVE, Math.abs(v));
      }, p.x, p.y, NEURON, NEURON);
    }
    const active = hover && hover.kind === 'neuron' && hover.l === l && hover.j === j;
    ctx.strokeStyle = active ? '#000' : '#555';
    ctx.lineWidth = active ? 3 : 1;
    ctx.strokeRect(p.x, p.y, NEURON, NEURON);
    if (trace && l > 0) {
      ctx.fillStyle = '#000';
      ctx.font = '10px monospace';
      ctx.fillText(`δ ${trace.stages[l - 1].neurons[j].delta.toPrecision(2)}`, p.x, p.y + NEURON + 9);
    }
  }));
  ctx.fillStyle = '#333';
  ctx.font = '12px sans-serif';
  net.widths.forEach((_, l) => ctx.fillText(l === 0 ? 'input' : (l === net.widths.length - 1 ? 'output ' : 'hidden ') + (net.activations[l - 1] || ''), places[l][0].x - 6, 12));
  return places;
}

// What is under the mouse at (x, y): a neuron {kind: 'neuron', l, j} or the nearest weight
// {kind: 'weight', l, j, k} within 5 pixels, or null.
export function hitTest(places, widths, x, y) {
  if (!places) return null;
  for (let l = 0; l < places.length; l++) {
    for (let j = 0; j < places[l].length; j++) {
      const p = places[l][j];
      if (x >= p.x && x <= p.x + NEURON && y >= p.y && y <= p.y + NEURON) return { kind: 'neuron', l, j };
    }
  }
  let best = null;
  let bestDistance = 5;
  for (let l = 1; l < widths.length; l++) {
    for (let j = 0; j < widths[l]; j++) {
      for (let k = 0; k < widths[l - 1]; k++) {
        const a = { x: places[l - 1][k].x + NEURON, y: places[l - 1][k].y + NEURON / 2 };
        const b = { x: places[l][j].x, y: places[l][j].y + NEURON / 2 };
        const t = Math.max(0, Math.min(1, ((x - a.x) * (b.x - a.x) + (y - a.y) * (b.y - a.y)) / ((b.x - a.x) ** 2 + (b.y - a.y) ** 2)));
        const d = Math.hypot(x - (a.x + t * (b.x - a.x)), y - (a.y + t * (b.y - a.y)));
        if (d < bestDistance) {
          bestDistance = d;
          best = { kind: 'weight', l, j, k };
        }
      }
    }
  }
  return best;
}
