// Knowledge base: what went wrong and what fixed it — problem frequency per fingerprint, recurring problems,
// the playbooks the solver tries first, one service's insights, and unmatched problems waiting for triage.
// All read from /api/knowledge/* (the same lib/knowledge views `portoser learn` prints).

import { get, seg } from '../api.js';
import { h, put, load, table, pending } from '../dom.js';
import { time } from '../format.js';

export const title = 'Knowledge';

export function mount(root) {
  const summary = h('section', { 'aria-labelledby': 'kb-sum' });
  const playbooks = h('section', { 'aria-labelledby': 'kb-pb' });
  const insights = h('div', { id: 'insight' });
  const unmatched = h('section', { 'aria-labelledby': 'kb-un' });
  const picker = h('select', { id: 'insight-service' }, h('option', { value: '' }, 'Choose a service…'));
  put(root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Knowledge base')),
    summary,
    h('section', { 'aria-labelledby': 'kb-ins' }, h('h2', { id: 'kb-ins' }, 'Insights per service'),
      h('label', { for: 'insight-service' }, 'Service '), picker, insights),
    playbooks, unmatched);
  [summary, playbooks, unmatched].forEach((el) => pending(el));

  load(summary, () => get('/api/knowledge/summary'), renderSummary);
  load(playbooks, () => get('/api/knowledge/playbooks'), renderPlaybooks);
  load(unmatched, () => get('/api/knowledge/unmatched'), renderUnmatched);
  get('/api/services').then((reply) => {
    const names = serviceNames(reply);
    picker.append(...names.map((n) => h('option', { value: n }, n)));
  }).catch(() => {});
  picker.addEventListener('change', () => {
    if (!picker.value) { put(insights); return; }
    pending(insights);
    load(insights, () => get(`/api/knowledge/insights/${seg(picker.value)}`), renderInsights);
  });
}

function renderSummary(s) {
  const totals = s.by_fingerprint || [];
  const max = Math.max(1, ...totals.map((t) => t.seen));
  return [
    h('h2', { id: 'kb-sum' }, 'Problem frequency'),
    h('div', { class: 'tiles' },
      tile('problems seen', s.problems), tile('fixed automatically', s.auto_fixed),
      tile('unresolved', s.unresolved), tile('playbooks', s.playbooks)),
    totals.length ? h('ul', { class: 'bars', 'aria-label': 'Problems by fingerprint' }, totals.map((t) => h('li', {},
      h('span', { class: 'bar-label' }, h('code', {}, t.fingerprint)),
      h('span', { class: 'bar', 'aria-hidden': 'true' },
        h('span', { class: 'fixed', style: { width: `${(100 * t.auto_fixed) / max}%` } }),
        h('span', { class: 'unresolved', style: { width: `${(100 * t.unresolved) / max}%` } })),
      h('span', { class: 'small' }, `${t.seen} seen · ${t.auto_fixed} fixed · ${t.unresolved} unresolved`,
        t.services && t.services.length ? ` · ${t.services.join(', ')}` : ''))))
      : h('p', { class: 'muted' }, 'No problem recorded yet.'),
    (s.top_recurring || []).length ? [h('h3', {}, 'Recurring'), table(s.top_recurring, [
      ['fingerprint', (r) => h('code', {}, r.fingerprint)], ['service', (r) => r.service], ['times', (r) => r.count],
      ['hosts', (r) => (r.hosts || []).join(', ')], ['last seen', (r) => time(r.last_seen)],
      ['note', (r) => (r.probably_config_bug ? `probably a configuration bug: ${r.suggestion || ''}` : '')]])] : null,
  ];
}

function tile(label, value) {
  return h('div', { class: 'tile' }, h('div', { class: 'big' }, value ?? 0), h('div', { class: 'muted small' }, label));
}

function renderPlaybooks(reply) {
  const list = Array.isArray(reply) ? reply : reply.playbooks || [];
  return [h('h2', { id: 'kb-pb' }, 'Playbooks'),
    list.length ? list.map((p) => h('details', { class: 'playbook card' },
      h('summary', {}, h('code', {}, p.fingerprint), ` — resolved ${p.resolved_count ?? 0}×, last ${time(p.last_seen)}`),
      p.last_summary ? h('p', {}, p.last_summary) : null,
      p.last_hint ? h('p', { class: 'muted' }, `hint: ${p.last_hint}`) : null,
      (p.entries || []).map((e) => h('div', { class: 'entry' },
        h('h4', {}, `${e.service}@${e.host}`, h('span', { class: 'muted small' }, ` ${e.count}×`)),
        h('ol', {}, (e.steps || []).map((st) => h('li', {}, st.step,
          st.command ? [' ', h('code', {}, st.command)] : null,
          h('span', { class: 'muted small' }, ` worked ${st.successes}×`))))))))
      : h('p', { class: 'muted' }, 'No playbook yet: they are written when a problem is fixed.')];
}

function renderInsights(i) {
  return h('div', { class: 'card' },
    h('h3', {}, i.service),
    h('h4', {}, 'Failed'), table(i.failed, [['fingerprint', (r) => h('code', {}, r.fingerprint)], ['times', (r) => r.count],
      ['hosts', (r) => (r.hosts || []).join(', ')], ['last seen', (r) => time(r.last_seen)]], { empty: 'Never failed.' }),
    h('h4', {}, 'Fixed automatically'), table(i.auto_fixed, [['fingerprint', (r) => h('code', {}, r.fingerprint)],
      ['times', (r) => r.count], ['steps', (r) => (r.steps || []).join('; ')]], { empty: 'Nothing yet.' }),
    h('h4', {}, 'Unresolved'), table(i.unresolved, [['fingerprint', (r) => h('code', {}, r.fingerprint)], ['times', (r) => r.count],
      ['last', (r) => r.last_message || ''], ['hint', (r) => r.hint || '']], { empty: 'Nothing unresolved.' }),
    (i.recurring || []).length ? [h('h4', {}, 'Probably configuration bugs'),
      h('ul', {}, i.recurring.map((r) => h('li', {}, h('code', {}, r.fingerprint), ` ${r.count}×: ${r.suggestion || ''}`)))] : null);
}

function renderUnmatched(reply) {
  const list = Array.isArray(reply) ? reply : reply.unmatched || reply.problems || [];
  return [h('h2', { id: 'kb-un' }, 'Unmatched problems to triage'),
    h('p', { class: 'muted small' }, 'Failures no fingerprint recognised, with their raw evidence: candidates for a new pattern.'),
    table(list, null, { empty: 'None: every failure so far matched a known fingerprint.' })];
}

/** Service names from GET /api/services (a list of services or of names, or a map). */
export function serviceNames(reply) {
  const list = Array.isArray(reply) ? reply : reply.services || reply;
  if (Array.isArray(list)) return list.map((x) => (typeof x === 'string' ? x : x.name)).filter(Boolean);
  return Object.keys(list || {});
}
