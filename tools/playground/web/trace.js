// One example through one backprop step, as the server traced it (tools/playground/Trace.java):
// a table of z, a, ∂C/∂a, ∂a/∂z and δ for every neuron, and the chain-rule factors of a weight.
// Every number is the Java side's; the page only formats them.

const fmt = (v) => (v === undefined || v === null ? '' : Number(v).toPrecision(4));

function cell(text, className, value) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  if (value !== undefined) td.dataset.value = String(value);
  return td;
}

// Fills `table` with one row per neuron of every layer.
export function showTrace(table, summary, trace) {
  table.replaceChildren();
  const head = document.createElement('tr');
  ['layer', 'neuron', 'z', 'a', '∂C/∂a', '∂a/∂z', 'δ = ∂C/∂z', 'b', '∂C/∂b'].forEach((h) => {
    const th = document.createElement('th');
    th.textContent = h;
    head.append(th);
  });
  table.append(head);
  trace.stages.forEach((stage, l) => stage.neurons.forEach((n, j) => {
    const row = document.createElement('tr');
    row.append(cell(j === 0 ? `${l + 1} (${stage.activation}${stage.batchNorm ? ', batch norm' : ''})` : ''), cell(String(j + 1)),
      cell(fmt(n.z)), cell(fmt(n.a)), cell(fmt(n.dCda)), cell(fmt(n.dadz)));
    const delta = cell(fmt(n.delta), 'delta', n.delta);
    delta.dataset.layer = String(l);
    delta.dataset.neuron = String(j);
    row.append(delta, cell(fmt(n.b)), cell(fmt(n.db)));
    table.append(row);
  }));
  const check = trace.check;
  const verdict = check.passes ? 'right' : check.relError < 1e-4 ? 'close: a probe may straddle a kink (ReLU at 0)' : 'WRONG';
  summary.textContent = `After epoch ${trace.epoch}, example ${trace.example} at (${fmt(trace.x[0])}, ${fmt(trace.x[1])}), class ${trace.label}`
    + (trace.batch > 1 ? `, traced in a batch of ${trace.batch} (batch norm needs one)` : '')
    + `: cost C = ${fmt(trace.cost)}. Gradient check of this step (centred differences of C against every ∂C/∂θ): `
    + `relative error ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) over all the parameters ${Number(check.relError).toExponential(1)}, ${verdict} (${check.worst}).`;
  summary.dataset.relError = String(check.relError);
}

// The text of the tooltip for what is under the mouse (see draw.js hitTest), or null.
export function explain(hit, trace, frame) {
  if (!hit || !frame || !frame.network) return null;
  const net = frame.network;
  if (hit.kind === 'neuron') {
    if (hit.l === 0) return `input x${hit.j + 1}`;
    const lines = [`layer ${hit.l}, neuron ${hit.j + 1} (${net.activations[hit.l - 1]}), bias b = ${fmt(net.biases[hit.l - 1][hit.j])}`];
    if (trace) {
      const n = trace.stages[hit.l - 1].neurons[hit.j];
      lines.push(`z = ${fmt(n.z)}` + (n.normed !== undefined ? `, after batch norm ${fmt(n.normed)}` : '') + `, a = ${fmt(n.a)}`);
      lines.push(`δ = ∂C/∂z = ${fmt(n.delta)}` + (n.dadz !== undefined ? ` = ∂C/∂a · f'(z) = ${fmt(n.dCda)} × ${fmt(n.dadz)}` : ''));
    } else {
      lines.push('Trace an example to see z, a and δ.');
    }
    return lines.join('\n');
  }
  const w = net.weights[hit.l - 1][hit.j][hit.k];
  const from = hit.l === 1 ? `x${hit.k + 1}` : `neuron ${hit.k + 1} of layer ${hit.l - 1}`;
  const lines = [`w = ${fmt(w)}: from ${from} to neuron ${hit.j + 1} of layer ${hit.l}`];
  if (!trace) {
    lines.push('Trace an example to see ∂C/∂w and its chain-rule factors.');
    return lines.join('\n');
  }
  const stage = trace.stages[hit.l - 1];
  const n = stage.neurons[hit.j];
  const g = stage.weights[hit.j][hit.k];
  if (n.dadz !== undefined) {
    lines.push('∂C/∂w = ∂C/∂a · ∂a/∂z · ∂z/∂w');
    lines.push(`      = ${fmt(n.dCda)} × ${fmt(n.dadz)} × ${fmt(g.dzdw)} = ${fmt(g.chain)}`);
  } else {
    lines.push(`∂C/∂w = δ · ∂z/∂w   (δ = ∂C/∂z ${stage.batchNorm ? 'through batch norm' : 'straight from softmax with cross-entropy'})`);
    lines.push(`      = ${fmt(n.delta)} × ${fmt(g.dzdw)} = ${fmt(g.chain)}`);
  }
  lines.push(trace.batch > 1
    ? `(this example's term; the batch's ∂C/∂w from Dense.backward is ${fmt(g.dw)})`
    : `Dense.backward stored ∂C/∂w = ${fmt(g.dw)}`);
  return lines.join('\n');
}
