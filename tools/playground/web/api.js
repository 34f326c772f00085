// The playground's web API (tools/playground/Server.java): every number the page shows comes from
// here, computed in Java by the chapters' classes. A failed request throws an Error whose message
// is the server's one sentence.

async function answer(response) {
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (!response.ok) {
    throw new Error(body && body.error ? body.error : `the playground answered ${response.status}`);
  }
  return body;
}

export async function get(path) {
  return answer(await fetch(path, { cache: 'no-store' }));
}

export async function post(path, body, type = 'application/json') {
  const init = { method: 'POST', headers: { 'Content-Type': type } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return answer(await fetch(path, init));
}

// Calls onFrame(frame) for every frame the server sends (server-sent events); the browser
// reconnects by itself when the stream breaks, and onStatus(true|false) says whether it is open.
export function listen(onFrame, onStatus) {
  const events = new EventSource('/api/events');
  events.onmessage = (e) => onFrame(JSON.parse(e.data));
  events.onopen = () => onStatus(true);
  events.onerror = () => onStatus(false);
  return events;
}
