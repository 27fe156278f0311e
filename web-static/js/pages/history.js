// History: every deploy record (GET /api/history), two of them compared (GET /api/history/compare?a=&b=),
// one opened (GET /api/history/{id}), and a rollback to a record after confirmation
// (POST /api/history/{id}/rollback) with its live log.

import { get, post, seg } from '../api.js';
import { h, put, table, confirmDialog, showError, pending, load } from '../dom.js';
import { on } from '../events.js';
import { jobView } from '../job.js';
import { time, duration } from '../format.js';

export const title = 'History';

export function mount(root, ctx) {
  const list = h('section', { id: 'history-list', 'aria-labelledby': 'hist-h' });
  const jobs = h('div', { class: 'jobs', id: 'jobs' });
  const detail = h('section', { id: 'history-detail', 'aria-live': 'polite' });
  const comparison = h('section', { id: 'history-compare', 'aria-live': 'polite' });
  const compareButton = h('button', { type: 'button', id: 'compare', disabled: true, onclick: compare }, 'Compare A → B');
  put(root, h('div', { class: 'page-head' }, h('h1', {}, 'History'), compareButton),
    jobs, list, comparison, detail);
  const pick = { a: null, b: null };
  const panels = [];

  async function refresh() {
    await load(list, () => get('/api/history?limit=50'), render);
  }

  function render(reply) {
    const records = Array.isArray(reply) ? reply : reply.records || reply.deployments || [];
    return [h('h2', { id: 'hist-h', class: 'sr-only' }, 'Deploy records'), table(records, [
      ['A', (r) => radio('a', r.id)],
      ['B', (r) => radio('b', r.id)],
      ['record', (r) => h('button', { type: 'button', class: 'link', onclick: () => open(r.id) }, r.id)],
      ['kind', (r) => r.kind],
      ['when', (r) => time(r.started_at)],
      ['services', (r) => (r.services || []).join(', ')],
      ['hosts', (r) => (r.hosts || []).join(', ')],
      ['result', (r) => h('span', { class: `badge state-${r.result}` }, r.result)],
      ['took', (r) => duration(r.duration_ms)],
      ['', (r) => (ctx.canDeploy && r.result !== 'running'
        ? h('button', { type: 'button', class: 'rollback', 'aria-label': `Roll back to ${r.id}`, onclick: () => rollback(r) }, 'Roll back')
        : '')],
    ], { empty: 'No deploy recorded yet.' })];
  }

  function radio(which, id) {
    const input = h('input', { type: 'radio', name: `pick-${which}`, value: id, 'aria-label': `${which.toUpperCase()}: ${id}`, checked: pick[which] === id });
    input.addEventListener('change', () => { pick[which] = id; compareButton.disabled = !(pick.a && pick.b && pick.a !== pick.b); });
    return input;
  }

  async function compare() {
    pending(comparison, 'Comparing…');
    load(comparison, () => get(`/api/history/compare?a=${seg(pick.a)}&b=${seg(pick.b)}`), renderCompare);
  }

  async function open(id) {
    pending(detail);
    load(detail, () => get(`/api/history/${seg(id)}`), renderRecord);
  }

  async function rollback(r) {
    const ok = await confirmDialog({
      title: `Roll back to ${r.id}?`,
      message: `Redeploys ${(r.services || []).join(', ') || 'its services'} exactly as recorded then (definition files, images and hosts). The registry is not changed.`,
      confirm: 'Roll back', danger: true,
    });
    if (!ok) return;
    try {
      const reply = await post(`/api/history/${seg(r.id)}/rollback`, {});
      const view = jobView(reply.deploy_id, { title: `rollback to ${r.id}`, onEnd: () => refresh() });
      jobs.prepend(view.el);
      panels.push(view);
    } catch (e) {
      showError(e);
    }
  }

  const off = on('deploy', (d) => { if (d.state !== 'started' && d.state !== 'running') refresh(); });
  refresh();
  return () => { off(); panels.forEach((p) => p.close()); };
}

function renderCompare(c) {
  const rows = [];
  (c.only_in_from || []).forEach((x) => rows.push(h('li', { class: 'del' }, `- ${x} (only in ${c.from})`)));
  (c.only_in_to || []).forEach((x) => rows.push(h('li', { class: 'add' }, `+ ${x} (only in ${c.to})`)));
  (c.hosts || []).forEach((x) => rows.push(h('li', {}, `host ${x.what}: ${x.from ?? '–'} → ${x.to ?? '–'}`)));
  (c.images || []).forEach((x) => rows.push(h('li', {}, `image ${x.what}: ${x.from ?? '–'} → ${x.to ?? '–'}`)));
  return h('div', { class: 'card compare' },
    h('h2', {}, 'Compare ', h('code', {}, c.from), ' → ', h('code', {}, c.to)),
    rows.length ? h('ul', { class: 'plain' }, rows) : null,
    (c.registry || []).length ? [h('h3', {}, 'registry.yml'), diff(c.registry)] : null,
    Object.entries(c.files || {}).map(([f, lines]) => [h('h3', {}, f), diff(lines)]),
    !rows.length && !(c.registry || []).length && !Object.keys(c.files || {}).length ? h('p', {}, 'No differences.') : null);
}

function diff(lines) {
  return h('pre', { class: 'diff' }, lines.map((l) => h('span', { class: l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : '' }, `${l}\n`)));
}

function renderRecord(r) {
  return h('div', { class: 'card record' },
    h('h2', {}, h('code', {}, r.id), ' ', h('span', { class: `badge state-${r.result}` }, r.result)),
    h('p', { class: 'muted' }, `${r.kind} by ${r.who || '?'} · ${time(r.started_at)} · ${duration(r.duration_ms)}`,
      r.rollback_of ? ` · rollback of ${r.rollback_of}` : ''),
    r.error ? h('p', { class: 'error' }, r.error) : null,
    table(r.outcomes || [], [
      ['service', (o) => o.service], ['host', (o) => o.host], ['action', (o) => o.action],
      ['result', (o) => h('span', { class: `badge state-${o.result}` }, o.result)],
      ['phases', (o) => (o.phases || []).map((p) => `${p.name} ${mark(p.status)} ${duration(p.duration_ms)}`).join(' · ')],
      ['error', (o) => o.error || ''],
    ], { empty: 'No service outcome recorded.' }));
}

function mark(status) {
  const s = String(status).toLowerCase();
  return s === 'ok' ? '✓' : s === 'skipped' ? '–' : '✗';
}
