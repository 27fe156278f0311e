// One EventSource for the whole app (GET /api/events). Pages subscribe by type; deploy-related events are also
// kept in a bounded buffer so a page opened later (or a job panel whose POST reply arrived after its first
// lines) still sees what happened since login. The browser reconnects by itself and sends Last-Event-ID.

export const RUN_TYPES = ['log', 'phase', 'problem', 'action', 'service', 'deploy'];
const TYPES = [...RUN_TYPES, 'status', 'metric', 'registry'];
const KEPT = new Set(RUN_TYPES);
const LIMIT = 5000;

const listeners = new Map(TYPES.map((t) => [t, new Set()]));
const stateListeners = new Set();
const kept = [];
let source = null;
let state = 'closed';

export function connect() {
  if (source) return;
  source = new EventSource('/api/events');
  for (const type of TYPES) {
    source.addEventListener(type, (e) => {
      let data;
      try { data = JSON.parse(e.data); } catch { return; }
      dispatch({ type, data, id: e.lastEventId, at: Date.now() });
    });
  }
  source.onopen = () => setState('live');
  source.onerror = () => setState(source && source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
}

export function disconnect() {
  if (source) source.close();
  source = null;
  setState('closed');
}

function dispatch(ev) {
  if (KEPT.has(ev.type)) {
    kept.push(ev);
    if (kept.length > LIMIT) kept.splice(0, kept.length - LIMIT);
  }
  for (const fn of listeners.get(ev.type) || []) {
    try { fn(ev.data, ev); } catch (err) { console.error(err); }
  }
}

/** Calls fn(data, event) for each event of these types; returns the unsubscribe function. */
export function on(types, fn) {
  const list = Array.isArray(types) ? types : [types];
  for (const t of list) listeners.get(t).add(fn);
  return () => list.forEach((t) => listeners.get(t).delete(fn));
}

/** Deploy-related events seen since login (oldest first), optionally only one deploy's. */
export function seen(deployId) {
  return deployId ? kept.filter((e) => e.data.deploy_id === deployId) : kept.slice();
}

export function connection() { return state; }

export function onConnection(fn) {
  stateListeners.add(fn);
  fn(state);
  return () => stateListeners.delete(fn);
}

function setState(s) {
  state = s;
  stateListeners.forEach((fn) => fn(s));
}
