// The live view of one deploy run (deploy, move, restart, stop, rollback…): its state, its phases as steps
// (observe → diagnose → solve appear as they happen), problems found, actions taken and the log lines.
// Used by the Cluster and History pages for the job they started, and by the Deploy log page for every run.

import { h, put } from './dom.js';
import { on, seen, RUN_TYPES } from './events.js';
import { duration, clock } from './format.js';

const HEAL = new Set(['observe', 'diagnose', 'solve']);

/**
 * A panel following deploy `id`: replays what was already seen, then listens. `onEnd(state)` runs once when the
 * run finishes. `allowFixes(actions)`, when given, is offered as a button after a failed run whose healing
 * proposed destructive actions it was not allowed to take (the web's `--yes`). Returns {el, feed(event),
 * close()}; close() stops listening.
 */
export function jobView(id, { title = '', onEnd = () => {}, listen = true, allowFixes = null } = {}) {
  const badge = h('span', { class: 'badge state-running' }, 'running');
  const error = h('p', { class: 'error', hidden: true });
  const steps = h('ol', { class: 'steps', 'aria-label': 'Phases' });
  const lines = h('pre', { class: 'log', role: 'log', 'aria-label': `Log of ${id}`, tabindex: 0 });
  // A run that ended well folds its steps and log away (one click to see them); a failed one stays open.
  const body = h('details', { class: 'job-body', open: true }, h('summary', {}, 'steps and log'), steps, lines);
  const el = h('section', { class: 'job', dataset: { deployId: id } },
    h('header', { class: 'row' }, h('h3', {}, title || id), badge, h('code', { class: 'muted id' }, id)),
    error, body);
  let ended = false;
  const refused = [];

  function feed(ev) {
    const d = ev.data;
    switch (ev.type) {
      case 'log': addLine(lines, `[${d.service}@${d.host}] ${d.line}`); break;
      case 'phase': steps.append(phaseItem(d)); break;
      case 'problem': steps.append(problemItem(d)); break;
      case 'action':
        steps.append(actionItem(d));
        if (d.destructive && !d.done) refused.push(d);
        break;
      case 'service': steps.append(serviceItem(d)); break;
      case 'deploy': setState(d); break;
      default:
    }
  }

  function setState(d) {
    const st = d.state || 'running';
    put(badge, st);
    badge.className = `badge state-${st}`;
    if (d.error) { put(error, d.error); error.hidden = false; }
    if (!ended && st !== 'started' && st !== 'running') {
      ended = true;
      if (st === 'ok') body.open = false;
      if (st === 'failed' && refused.length && allowFixes) {
        el.append(h('div', { class: 'row fixes' },
          h('span', {}, `The fix needs your go-ahead: ${refused.map((a) => a.description).join('; ')}.`),
          h('button', { type: 'button', class: 'danger', onclick: () => allowFixes(refused.slice()) }, 'Allow the fix and run again')));
      }
      onEnd(st, d);
    }
  }

  seen(id).forEach(feed);
  const off = listen ? on(RUN_TYPES, (data, ev) => {
    if (data.deploy_id === id) feed(ev);
  }) : () => {};
  /** A line of the run's kept output (GET /api/deployment/jobs/{id}), for a run not followed live. */
  const line = (text) => addLine(lines, text);
  return { el, feed, setState, line, close: off };
}

function addLine(pre, text) {
  const stick = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  pre.append(text + '\n');
  if (stick) pre.scrollTop = pre.scrollHeight;
}

function phaseItem(d) {
  const ok = d.ok === true || d.ok === 'true';
  const kind = HEAL.has(d.phase) ? `heal ${d.phase}` : 'phase';
  return h('li', { class: `step ${kind} ${ok ? 'ok' : 'failed'}` },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, ok ? '✓' : '✗'),
    h('strong', {}, d.phase), ' ',
    h('span', { class: 'muted' }, `${d.service}@${d.host}`), ' ',
    h('span', { class: 'muted' }, duration(d.duration_ms)),
    h('span', { class: 'sr-only' }, ok ? ' ok' : ' failed'),
    d.detail ? h('span', { class: 'inline-detail' }, ` — ${d.detail}`) : null);
}

function problemItem(d) {
  return h('li', { class: 'step problem', role: 'alert' },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, '⚠'),
    h('strong', {}, 'problem '), h('code', {}, d.fingerprint), ' ',
    h('span', { class: 'muted' }, `${d.service}@${d.host} ${clock()}`),
    h('div', { class: 'detail' }, d.summary || ''),
    d.hint ? h('div', { class: 'detail hint' }, `hint: ${d.hint}`) : null,
    evidence(d.evidence));
}

function actionItem(d) {
  return h('li', { class: `step action ${d.done ? 'ok' : 'pending'}` },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, d.done ? '✓' : '…'),
    h('strong', {}, d.done ? 'action ' : 'proposed '), d.description || '', ' ',
    h('span', { class: 'muted' }, `${d.service}@${d.host}`),
    d.destructive ? h('span', { class: 'badge state-failed' }, 'destructive') : null,
    d.command ? h('details', { class: 'evidence' }, h('summary', {}, 'command'), h('pre', { class: 'cmd' }, d.command)) : null);
}

function serviceItem(d) {
  const ok = d.result === 'deployed' || d.result === 'ok' || d.result === 'stopped';
  return h('li', { class: `step service ${ok ? 'ok' : d.result === 'skipped' ? '' : 'failed'}` },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, ok ? '✓' : d.result === 'skipped' ? '–' : '✗'),
    h('strong', {}, `${d.service}@${d.host} ${d.result}`), ' ',
    h('span', { class: 'muted' }, duration(d.duration_ms)),
    d.error ? h('div', { class: 'detail' }, d.error) : null);
}

function evidence(ev) {
  if (!ev || (Array.isArray(ev) && ev.length === 0)) return null;
  const items = (Array.isArray(ev) ? ev : [ev]).map((e) => h('li', {}, typeof e === 'string' ? e
    : e.excerpt || e.text || e.line || JSON.stringify(e)));
  return h('details', { class: 'evidence' }, h('summary', {}, 'evidence'), h('ul', {}, items));
}
