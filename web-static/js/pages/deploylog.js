// Deploy log: every run's live lines, phases and — when something fails — the self-healing steps (observe,
// diagnose with the problems found, solve with the actions taken) as they happen, newest run first.
// Runs come from GET /api/deployment/jobs, the events seen since login and live `/api/events`.

import { get, seg } from '../api.js';
import { h, put, message } from '../dom.js';
import { on, seen, RUN_TYPES } from '../events.js';
import { jobView } from '../job.js';
import { time } from '../format.js';

export const title = 'Deploy log';

export function mount(root) {
  const list = h('div', { class: 'jobs', id: 'runs' });
  const empty = h('p', { class: 'muted', id: 'no-runs' }, 'No deploy has run since the server started. Start one from the Cluster page.');
  const note = h('p', { class: 'error', hidden: true });
  put(root, h('div', { class: 'page-head' }, h('h1', {}, 'Deploy log')),
    h('p', { class: 'muted hint' }, 'Live: lines, phases, problems diagnosed and actions taken appear here as they happen.'),
    note, empty, list);

  const views = new Map();

  function view(id, meta = {}) {
    if (views.has(id)) return views.get(id);
    const label = meta.kind ? `${meta.kind} ${(meta.services || []).join(', ')}`.trim() : id;
    const v = jobView(id, { title: label, listen: false });
    if (meta.started_at || meta.started) v.el.querySelector('header').append(h('span', { class: 'muted small' }, time(meta.started_at || meta.started)));
    if (meta.state) v.setState(meta);
    views.set(id, v);
    list.prepend(v.el);
    empty.hidden = true;
    return v;
  }

  function feed(data, ev) {
    if (!data.deploy_id) return;
    view(data.deploy_id, ev.type === 'deploy' ? { kind: data.kind, services: data.services } : {}).feed(ev);
  }

  // Buffered first (in order), then live; a run listed by the API but not seen live still gets its panel.
  for (const ev of seen()) feed(ev.data, ev);
  const off = on(RUN_TYPES, feed);
  get('/api/deployment/jobs').then((reply) => {
    const jobs = Array.isArray(reply) ? reply : reply.jobs || [];
    jobs.forEach((j) => { // newest first, all older than what arrived live since
      if (views.has(j.deploy_id)) return;
      const v = view(j.deploy_id, j);
      list.append(v.el);
      get(`/api/deployment/jobs/${seg(j.deploy_id)}`).then((full) => replay(v, full)).catch(() => {});
    });
  }).catch((e) => { put(note, message(e)); note.hidden = false; });
  return off;
}

/**
 * A run that ended before this page could follow it: its report's phases as steps, and its kept output up to
 * the JSON report the run printed last (already shown as the steps).
 */
function replay(v, job) {
  for (const s of (job.report && job.report.services) || []) {
    for (const p of s.phases || []) {
      v.feed({ type: 'phase', data: { service: s.service, host: s.host, phase: p.name, ok: p.status === 'ok', duration_ms: p.duration_ms, detail: p.detail } });
    }
  }
  const out = job.output || [];
  const json = out.indexOf('{');
  (json < 0 ? out : out.slice(0, json)).forEach(v.line);
}
