// The operator console: plain ES modules, no build step, everything served by the gateway.
// It works under any path prefix (BASE_PATH behind Nginx): the API lives where the console does, minus /ops/console.
import { barChart } from './chart.js';

const BASE = location.pathname.replace(/\/ops\/console(\/.*)?$/, '');
const KEY_SLOT = 'b2b.opsKey';
const REFRESH_MS = 2000;
const CHART_MS = 10000;
const DETAIL_MS = 1000;

const $ = (selector) => document.querySelector(selector);
let detailId = null;
let timers = [];

/** An element with attributes and children; text always goes in as text, never as HTML. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'onclick') node.addEventListener('click', value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

function age(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

const ms = (v) => (v === null || v === undefined ? '–' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`);
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`);
const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '–');
// Ids are UUIDv7: their head is a timestamp shared by neighbours, their tail tells them apart.
const shortId = (id) => `…${id.slice(-12)}`;
const badge = (state) => el('span', { class: `badge ${state}`, 'data-state': state }, state.replace('_', ' '));

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, { method = 'GET', body } = {}) {
  const headers = { authorization: `Bearer ${sessionStorage.getItem(KEY_SLOT) ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : null;
  if (res.status === 401 || res.status === 403) {
    signOut(res.status === 401 ? 'The key was refused: sign in again.' : 'This key may not use the console (operator or admin only).');
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

function setStatus(text, bad = false) {
  const status = $('#status');
  status.textContent = text;
  status.style.color = bad ? '#ffcdd2' : '';
}

// ---- actors --------------------------------------------------------------------------

function actorRow(a) {
  const action = a.state === 'paused'
    ? el('button', { type: 'button', 'data-action': 'resume', onclick: () => act(`/ops/actors/${a.actor}/resume`, {}) }, 'Resume')
    : el('button', { type: 'button', 'data-action': 'pause', onclick: () => act(`/ops/actors/${a.actor}/pause`, {}) }, 'Pause');
  const err = a.lastError ? el('span', { title: `${a.lastError.message ?? ''} (${time(a.lastError.at)})` }, a.lastError.code ?? 'error') : '–';
  const reason = a.pausedReason ? el('div', { class: 'muted' }, a.pausedReason) : null;
  const m = a.mailbox;
  return el('tr', { 'data-actor': a.actor },
    el('td', {}, el('strong', {}, a.actor)), el('td', {}, badge(a.state), reason), el('td', { class: 'num' }, a.workers),
    el('td', { class: 'num', 'data-col': 'queued' }, m.queued), el('td', { class: 'num' }, m.dueLater), el('td', { class: 'num' }, m.inFlight),
    el('td', { class: 'num', 'data-col': 'dead' }, m.dead), el('td', { class: 'num', 'data-col': 'done' }, m.done),
    el('td', { class: 'num' }, `${a.live.held} / ${a.live.processing}`),
    el('td', {}, age(a.oldestQueuedAgeS)), el('td', {}, a.oldestInFlight ? `${age(a.oldestInFlight.ageS)} (${a.oldestInFlight.type})` : '–'),
    el('td', { class: 'num' }, `${a.throughput.lastMinute} / ${a.throughput.lastHour}`), el('td', { class: 'num' }, pct(a.failures.rate)),
    el('td', { class: 'num' }, `${ms(a.handlingMs.mean)} / ${ms(a.handlingMs.p95)}`), el('td', { class: 'wrap' }, err), el('td', {}, action));
}

function renderActors(overview) {
  $('#actors tbody').replaceChildren(...overview.actors.map(actorRow));
  $('#live-note').textContent = overview.liveAvailable ? '' : 'Live figures unavailable (Redis cannot be read): durable figures only.';
}

// ---- workers tree --------------------------------------------------------------------

function renderWorkers({ workers }) {
  const items = workers.map((w) => el('li', { 'data-worker': w.worker },
    el('strong', {}, w.worker), ' ', el('span', { class: 'muted' }, `${w.host} pid ${w.pid} · ${w.transport} · up ${age(w.uptimeS)} · ${Math.round(w.rssBytes / 1048576)} MiB`),
    el('ul', {}, w.actors.map((a) => el('li', {}, badge(a.state), ' ', a.actor,
      el('span', { class: 'muted' }, ` pool ${a.pool} · held ${a.held} · running ${a.processing} · restarts ${a.restarts}`,
        a.oldestInFlight ? ` · oldest ${age(a.oldestInFlight.ageMs / 1000)}` : '',
        Array.isArray(a.shards) && a.shards.length ? ` · shards ${a.shards.join(', ')}` : ''))))));
  $('#workers').replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, 'No worker is running.')]));
}

// ---- throughput charts -------------------------------------------------------------

function renderCharts(series) {
  $('#charts').replaceChildren(...series.actors.map((s) => {
    const total = s.succeeded.reduce((a, b) => a + b, 0);
    return el('div', { class: 'chart', 'data-chart': s.actor }, el('h3', {}, s.actor, ' ', el('span', { class: 'muted' }, `${total} in ${series.minutes} min`)), barChart(s.succeeded, s.failed));
  }));
}

// ---- dead letters --------------------------------------------------------------------

function deadRow(m) {
  const error = m.lastError ? `${m.lastError.code}: ${m.lastError.message}` : '–';
  return el('tr', { 'data-message': m.id },
    el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => openDetail(m.id), title: m.id }, shortId(m.id))),
    el('td', {}, m.type), el('td', { class: 'num' }, m.attempts), el('td', { class: 'wrap', 'data-col': 'error' }, error),
    el('td', {}, time(m.timing.finishedAt)),
    el('td', {}, el('button', { type: 'button', 'data-action': 'retry', onclick: () => retry(m.id) }, 'Retry')));
}

function deadSection(actor, page, total) {
  return el('div', { class: 'dead-actor', 'data-dead-actor': actor },
    el('h3', {}, actor, el('span', { class: 'muted' }, `${total} dead`),
      el('button', { type: 'button', 'data-action': 'retry-all', onclick: () => retryAll(actor, total) }, 'Retry all'),
      el('button', { type: 'button', class: 'danger', 'data-action': 'purge', onclick: () => purge(actor) }, 'Purge…')),
    el('table', {}, el('thead', {}, el('tr', {}, ['id', 'type', 'attempts', 'error', 'died', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, page.messages.map(deadRow))));
}

async function renderDead(overview) {
  const withDead = overview.actors.filter((a) => a.mailbox.dead > 0);
  const pages = await Promise.all(withDead.map((a) => api(`/ops/actors/${a.actor}/messages?state=dead&limit=25`)));
  const sections = withDead.map((a, i) => deadSection(a.actor, pages[i], a.mailbox.dead));
  $('#dead').replaceChildren(...(sections.length ? sections : [el('p', { class: 'muted' }, 'No dead letters.')]));
}

// ---- message detail ------------------------------------------------------------------

/** Operator steps carry the error the message had then: history, not a new failure. */
const historic = new Set(['retried', 'cancelled']);

function renderDetail(m) {
  $('#detail-id').textContent = m.id;
  const facts = [
    ['actor', m.actor], ['type', m.type], ['state', badge(m.state)], ['attempts', m.attempts],
    ['last error', m.lastError ? `${m.lastError.code}: ${m.lastError.message}` : '–'],
    ['created', time(m.timing.createdAt)], ['finished', time(m.timing.finishedAt)],
    ['payload', el('pre', {}, JSON.stringify(m.payload, null, 1))],
  ];
  $('#detail-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-fact': k }, v)]));
  $('#detail-events').replaceChildren(...m.events.map((e) => el('li', { 'data-event': e.event },
    `${time(e.at)} ${e.event.replace('_', ' ')}`, e.attempt !== null ? ` (attempt ${e.attempt})` : '',
    e.durationMs !== null ? ` ${ms(e.durationMs)}` : '', e.by ? el('span', { class: 'muted' }, ` by ${e.by}`) : '',
    e.error?.code ? el('span', { class: historic.has(e.event) ? 'muted' : 'error' }, `${historic.has(e.event) ? ' after' : ''} ${e.error.code}: ${e.error.message ?? ''}`) : '')));
  $('#detail').hidden = false;
}

async function openDetail(id) {
  detailId = id;
  renderDetail(await api(`/ops/messages/${id}`));
}

// ---- actions -------------------------------------------------------------------------

async function act(path, body) {
  try {
    await api(path, { method: 'POST', body });
    await refresh();
  } catch (err) {
    alert(err.message);
  }
}

async function retry(id) {
  try {
    const m = await api(`/ops/messages/${id}/retry`, { method: 'POST' });
    detailId = id;
    renderDetail(m);
    await refresh();
  } catch (err) {
    alert(err.message);
  }
}

async function retryAll(actor, count) {
  if (confirm(`Retry all ${count} dead letters of ${actor} now?`)) await act(`/ops/actors/${actor}/dead-letters/retry`, undefined);
}

async function purge(actor) {
  try {
    await api(`/ops/actors/${actor}/dead-letters/purge`, { method: 'POST', body: {} });
    await refresh();
  } catch (err) {
    const token = err.body?.details?.token;
    if (err.body?.code !== 'B2B_CONFIRMATION_REQUIRED' || !token) return alert(err.message);
    if (confirm(`Delete ${err.body.details.count} dead letters of ${actor} for good?`)) await act(`/ops/actors/${actor}/dead-letters/purge`, { confirm: token });
  }
}

// ---- audit ---------------------------------------------------------------------------

function renderAudit({ entries }) {
  $('#audit tbody').replaceChildren(...entries.map((e) => el('tr', { 'data-audit': e.action },
    el('td', {}, time(e.at)), el('td', {}, e.whoName ? `${e.whoName} (${e.who})` : e.who), el('td', {}, e.action),
    el('td', {}, e.actor ?? '–'), el('td', { title: e.messageId ?? '' }, e.messageId ? shortId(e.messageId) : '–'), el('td', { class: 'num' }, e.count ?? '–'))));
}

// ---- refresh loops -------------------------------------------------------------------

async function refresh() {
  const [overview, workers, audit] = await Promise.all([api('/ops/actors'), api('/ops/workers'), api('/ops/audit?limit=15')]);
  renderActors(overview);
  renderWorkers(workers);
  renderAudit(audit);
  await renderDead(overview);
}

function every(periodMs, task) {
  let stopped = false;
  const loop = async () => {
    if (stopped) return;
    try {
      await task();
      if (!stopped) setStatus(`live · updated ${new Date().toLocaleTimeString()}`);
    } catch (err) {
      if (!stopped && !(err instanceof ApiError && (err.status === 401 || err.status === 403))) setStatus(`connection problem: ${err.message}; retrying`, true);
    }
    if (!stopped) setTimeout(loop, periodMs);
  };
  void loop();
  return () => { stopped = true; };
}

function showDashboard() {
  $('#login').hidden = true;
  $('#dashboard').hidden = false;
  $('#logout').hidden = false;
  timers = [
    every(REFRESH_MS, refresh),
    every(CHART_MS, async () => renderCharts(await api('/ops/throughput?minutes=60'))),
    every(DETAIL_MS, async () => { if (detailId) renderDetail(await api(`/ops/messages/${detailId}`)); }),
  ];
}

function signOut(message = '') {
  for (const stop of timers) stop();
  timers = [];
  detailId = null;
  sessionStorage.removeItem(KEY_SLOT);
  $('#dashboard').hidden = true;
  $('#logout').hidden = true;
  $('#detail').hidden = true;
  $('#login').hidden = false;
  $('#login-error').textContent = message;
  setStatus('signed out');
}

async function signIn(event) {
  event.preventDefault();
  const input = $('#key');
  sessionStorage.setItem(KEY_SLOT, input.value.trim());
  try {
    await api('/ops/actors');
    input.value = '';
    $('#login-error').textContent = '';
    showDashboard();
  } catch (err) {
    if (!(err instanceof ApiError && (err.status === 401 || err.status === 403))) signOut(`Cannot reach the gateway: ${err.message}`);
  }
}

$('#login-form').addEventListener('submit', signIn);
$('#logout').addEventListener('click', () => signOut());
$('#detail-close').addEventListener('click', () => { detailId = null; $('#detail').hidden = true; });
if (sessionStorage.getItem(KEY_SLOT)) showDashboard();
