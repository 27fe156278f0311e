// Monitoring: per-host CPU, memory and disk charts (SVG) from GET /api/metrics, extended live by `metric`
// events; per-service uptime from GET /api/uptime, updated by `status` events.

import { get } from '../api.js';
import { h, s, put, load, table, pending, message } from '../dom.js';
import { on } from '../events.js';
import { linePath } from '../layout.js';
import { pct, time } from '../format.js';

export const title = 'Monitoring';

const SERIES = [['cpu', 'CPU'], ['mem_used_pct', 'Memory'], ['disk_used_pct', 'Disk']];
const KEEP = 720;
const W = 260, H = 70;

export function mount(root) {
  const hostsEl = h('div', { class: 'hosts', id: 'metrics' });
  const uptimeEl = h('section', { id: 'uptime', 'aria-labelledby': 'up-h' });
  put(root, h('div', { class: 'page-head' }, h('h1', {}, 'Monitoring')),
    h('h2', {}, 'Hosts'), hostsEl, uptimeEl);
  pending(hostsEl);
  pending(uptimeEl);

  const samples = new Map();

  get('/api/metrics').then((reply) => {
    for (const [host, list] of byHost(reply)) samples.set(host, list.map(norm).filter((x) => x.t));
    drawAll();
  }).catch((e) => put(hostsEl, h('p', { class: 'error', role: 'alert' }, message(e))));

  function drawAll() {
    if (!samples.size) { put(hostsEl, h('p', { class: 'muted' }, 'No samples yet: the first arrive within one sampling interval.')); return; }
    put(hostsEl, [...samples.keys()].sort().map((host) => hostCard(host, samples.get(host))));
  }

  function redraw(host) {
    const old = hostsEl.querySelector(`[data-host="${CSS.escape(host)}"]`);
    const fresh = hostCard(host, samples.get(host));
    if (old) old.replaceWith(fresh); else drawAll();
  }

  const refreshUptime = () => load(uptimeEl, () => get('/api/uptime'), renderUptime);
  let uptimeTimer = null;
  const offs = [
    on('metric', (d) => {
      const x = norm(d);
      if (!x.t || !d.host) return;
      const list = samples.get(d.host) || [];
      list.push(x);
      if (list.length > KEEP) list.splice(0, list.length - KEEP);
      samples.set(d.host, list);
      redraw(d.host);
    }),
    on('status', () => {
      clearTimeout(uptimeTimer);
      uptimeTimer = setTimeout(refreshUptime, 500);
    }),
  ];
  refreshUptime();
  return () => { offs.forEach((f) => f()); clearTimeout(uptimeTimer); };
}

function hostCard(host, list) {
  const last = list[list.length - 1] || {};
  const t0 = list.length ? list[0].t : 0, t1 = list.length ? list[list.length - 1].t : 1;
  return h('section', { class: 'card host-metrics', dataset: { host }, 'aria-label': `Host ${host}` },
    h('header', { class: 'row' }, h('h3', {}, host), h('span', { class: 'muted small' },
      last.t ? `${list.length} samples · last ${time(last.t)}` : 'no samples'),
    last.load1 !== undefined && last.load1 !== null ? h('span', { class: 'muted small' }, `load ${Number(last.load1).toFixed(2)}`) : null),
    last.reachable === false ? h('p', { class: 'error small' }, `unreachable: ${last.error || ''}`) : null,
    h('div', { class: 'charts' }, SERIES.map(([key, label]) => chart(label, list.map((x) => ({ t: x.t, v: x[key] })), t0, t1))));
}

function chart(label, points, t0, t1) {
  const last = [...points].reverse().find((p) => p.v !== null && p.v !== undefined);
  const d = linePath(points, { t0, t1, max: 100, width: W, height: H });
  return h('figure', { class: 'chart' },
    h('figcaption', {}, label, ' ', h('strong', {}, pct(last ? last.v : null))),
    s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${label}: ${pct(last ? last.v : null)} now` },
      s('line', { x1: 0, x2: W, y1: H / 2, y2: H / 2, class: 'grid' }),
      s('line', { x1: 0, x2: W, y1: 0.5, y2: 0.5, class: 'grid' }),
      s('line', { x1: 0, x2: W, y1: H - 0.5, y2: H - 0.5, class: 'grid' }),
      d ? s('path', { d, class: `series ${label.toLowerCase()}` }) : null,
      points.length === 1 && last ? s('circle', { cx: W, cy: H - (last.v / 100) * H, r: 3, class: `series ${label.toLowerCase()}` }) : null));
}

/** A sample with its time as epoch ms in `t` (the API may send ms, seconds or ISO text). */
function norm(x) {
  let t = x.ts ?? x.time ?? x.t;
  if (typeof t === 'string') t = Date.parse(t);
  else if (typeof t === 'number' && t < 1e12) t *= 1000;
  return { ...x, t };
}

/** [host, samples[]] pairs from GET /api/metrics: {interval_ms, keep, hosts: [{host, latest, series}]}. */
function byHost(reply) {
  return (reply.hosts || []).map((x) => [x.host, x.series || []]);
}

function renderUptime(reply) {
  const list = reply.services || [];
  const now = Date.now();
  return [h('h2', { id: 'up-h' }, 'Service uptime'),
    h('p', { class: 'muted small' }, `Each service's health is checked every ${Math.round((reply.interval_ms || 0) / 1000)} s, as portoser status checks it.`),
    table(list, [
      ['service', (r) => r.service],
      ['host', (r) => r.host || ''],
      ['now', (r) => h('span', { class: `badge state-${r.state || 'unknown'}` }, r.state || 'not checked yet')],
      ['uptime', (r) => pct(r.uptime_pct)],
      ['checks', (r) => r.check_count ?? 0],
      ['timeline', (r) => timeline(r, now)],
      ['last change', (r) => (r.last_change ? time(r.last_change) : '')],
    ], { empty: 'No services in the registry.' })];
}

/** The kept window as coloured segments, one per state between transitions (green healthy, red not). */
function timeline(u, now) {
  if (!u.window_start || !u.state) return '';
  const t0 = u.window_start, t1 = Math.max(u.last_check || now, t0 + 1);
  const tr = (u.transitions || []).filter((x) => x.ts >= t0).sort((a, b) => a.ts - b.ts);
  const cuts = [{ ts: t0, state: tr.length ? tr[0].from : u.state }, ...tr.map((x) => ({ ts: x.ts, state: x.to }))];
  const W = 160;
  const x = (ts) => ((ts - t0) / (t1 - t0)) * W;
  return s('svg', { class: 'strip', viewBox: `0 0 ${W} 12`, width: W, height: 12, role: 'img',
    'aria-label': `${u.service}: ${tr.length} state change${tr.length === 1 ? '' : 's'} since ${time(t0)}` },
  cuts.map((c, i) => {
    const end = i + 1 < cuts.length ? cuts[i + 1].ts : t1;
    const cls = c.state === 'healthy' || c.state === 'running' ? 'up' : c.state ? 'down' : 'none';
    return s('rect', { x: x(c.ts), y: 0, width: Math.max(1, x(end) - x(c.ts)), height: 12, class: cls },
      s('title', {}, `${c.state || 'unknown'} from ${time(c.ts)}`));
  }));
}
