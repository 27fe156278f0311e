// Cluster: machines as columns, their services as cards (state colour, port, health, type). Drag a card onto
// another machine — or use its "Move to…" menu — to move it there (POST /api/deployment/move) and watch the
// run's live log. Deploy / Restart / Stop per service. Status comes from GET /api/status and live `status` events.

import { get, post } from '../api.js';
import { h, put, confirmDialog, showError, message } from '../dom.js';
import { on } from '../events.js';
import { jobView } from '../job.js';

export const title = 'Cluster';

export function mount(root, ctx) {
  const board = h('div', { class: 'board', id: 'board' }, h('p', { class: 'muted', role: 'status' }, 'Checking hosts…'));
  const jobs = h('div', { class: 'jobs', id: 'jobs' });
  const stamp = h('span', { class: 'muted' });
  const refreshButton = h('button', { type: 'button', onclick: () => refresh() }, 'Refresh');
  put(root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Cluster'), stamp, refreshButton),
    ctx.canDeploy ? h('p', { class: 'muted hint' }, 'Drag a service onto another machine, or use its “Move to…” menu, to move it.') : null,
    jobs, board);

  let report = null;
  let loading = null;
  const panels = [];

  async function refresh() {
    if (loading) return loading;
    refreshButton.disabled = true;
    loading = get('/api/status').then((r) => {
      report = r;
      render();
      put(stamp, `checked ${new Date().toLocaleTimeString()}`);
    }).catch((e) => {
      put(board, h('p', { class: 'error', role: 'alert' }, message(e)));
    }).finally(() => {
      loading = null;
      refreshButton.disabled = false;
    });
    return loading;
  }

  function render() {
    const hosts = report.hosts || [];
    const known = new Set(hosts.map((x) => x.name));
    const stray = (report.services || []).filter((x) => !known.has(x.host));
    const columns = hosts.map((host) => column(host, (report.services || []).filter((x) => x.host === host.name)));
    if (stray.length) columns.push(column({ name: 'unplaced', reachable: null }, stray));
    put(board, columns.length ? columns : h('p', { class: 'muted' }, 'The registry has no machines yet.'));
  }

  function column(host, services) {
    const col = h('section', {
      class: `machine ${host.reachable === false ? 'down' : ''}`, 'aria-label': `Machine ${host.name}`,
      dataset: { host: host.name },
    },
    h('header', {},
      h('h2', {}, host.name),
      h('div', { class: 'muted small' }, hostLine(host)),
      host.error ? h('div', { class: 'error small' }, host.error) : null),
    h('div', { class: 'cards' }, services.length ? services.map(card) : h('p', { class: 'muted small empty' }, 'no services')));
    if (ctx.canDeploy && host.name !== 'unplaced') dropTarget(col, host.name);
    return col;
  }

  function hostLine(host) {
    if (host.reachable === null || host.reachable === undefined) return '';
    const parts = [host.ip, host.reachable ? 'reachable' : 'unreachable'];
    if (host.latency_ms !== null && host.latency_ms !== undefined) parts.push(`${host.latency_ms} ms`);
    if (Array.isArray(host.load)) parts.push(`load ${host.load.map((l) => Number(l).toFixed(2)).join(' ')}`);
    return parts.filter(Boolean).join(' · ');
  }

  function card(svc) {
    const el = h('article', {
      class: `service state-${svc.state}`, dataset: { service: svc.name, host: svc.host },
      'aria-label': `${svc.name} on ${svc.host}: ${svc.state}`, draggable: ctx.canDeploy ? 'true' : null,
    },
    h('header', {}, h('h3', {}, svc.name), h('span', { class: `badge state-${svc.state}` }, svc.state)),
    h('dl', { class: 'facts' },
      fact('type', svc.deployment_type),
      fact('port', svc.port ? `${svc.port}${svc.port_listening === false ? ' (not listening)' : ''}` : '–'),
      fact('health', health(svc.health)),
      svc.pid ? fact('pid', svc.pid) : null),
    svc.detail ? h('p', { class: 'small muted detail' }, svc.detail) : null,
    ctx.canDeploy ? actions(svc) : null);
    if (ctx.canDeploy) {
      el.addEventListener('dragstart', (e) => {
        e.dataTransfer.setData('text/plain', svc.name);
        e.dataTransfer.effectAllowed = 'move';
        el.classList.add('dragging');
      });
      el.addEventListener('dragend', () => el.classList.remove('dragging'));
    }
    return el;
  }

  function actions(svc) {
    const others = (report.hosts || []).map((x) => x.name).filter((n) => n !== svc.host);
    const select = h('select', { 'aria-label': `Move ${svc.name} to…`, class: 'move-to' },
      h('option', { value: '' }, 'Move to…'), others.map((n) => h('option', { value: n }, n)));
    select.addEventListener('change', () => {
      const to = select.value;
      select.value = '';
      if (to) move(svc.name, svc.host, to);
    });
    return h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => lifecycle('deploy', svc) }, 'Deploy'),
      h('button', { type: 'button', onclick: () => lifecycle('restart', svc) }, 'Restart'),
      h('button', { type: 'button', class: 'danger-outline', onclick: () => lifecycle('stop', svc) }, 'Stop'),
      others.length ? select : null);
  }

  function dropTarget(col, host) {
    col.addEventListener('dragover', (e) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      col.classList.add('drop');
    });
    col.addEventListener('dragleave', (e) => { if (!col.contains(e.relatedTarget)) col.classList.remove('drop'); });
    col.addEventListener('drop', (e) => {
      e.preventDefault();
      col.classList.remove('drop');
      const name = e.dataTransfer.getData('text/plain');
      const svc = (report.services || []).find((x) => x.name === name);
      if (svc && svc.host !== host) move(svc.name, svc.host, host);
    });
  }

  async function move(service, from, to) {
    const ok = await confirmDialog({
      title: `Move ${service}?`,
      message: `Deploy ${service} on ${to}, wait until it is healthy, then stop it on ${from} and update the registry.`,
      confirm: `Move to ${to}`,
    });
    if (!ok) return;
    start('/api/deployment/move', { service, to }, `move ${service}: ${from} → ${to}`, service);
  }

  async function lifecycle(verb, svc) {
    if (verb !== 'deploy') {
      const ok = await confirmDialog({
        title: `${verb === 'stop' ? 'Stop' : 'Restart'} ${svc.name}?`,
        message: verb === 'stop' ? `${svc.name} stops on ${svc.host}; services that need it may stop working.`
          : `${svc.name} restarts on ${svc.host}.`,
        confirm: verb === 'stop' ? 'Stop' : 'Restart', danger: verb === 'stop',
      });
      if (!ok) return;
    }
    start(`/api/deployment/${verb}`, { services: [svc.name] }, `${verb} ${svc.name}`, svc.name, verb === 'stop' ? null : async (actions) => {
      const ok = await confirmDialog({
        title: `Allow destructive fixes for ${svc.name}?`,
        message: `${verb} ${svc.name} again, letting the self-healing loop do what it proposed: ${actions.map((a) => a.description).join('; ')}.`,
        confirm: 'Allow and run again', danger: true,
      });
      if (ok) start(`/api/deployment/${verb}`, { services: [svc.name], yes: true }, `${verb} ${svc.name} (fixes allowed)`, svc.name);
    });
  }

  async function start(path, body, label, service, allowFixes = null) {
    const cardEl = board.querySelector(`[data-service="${CSS.escape(service)}"]`);
    if (cardEl) cardEl.classList.add('busy');
    try {
      const reply = await post(path, body);
      const view = jobView(reply.deploy_id, { title: label, onEnd: () => refresh(), allowFixes });
      const close = h('button', { type: 'button', class: 'link close', 'aria-label': `Close ${label}`, onclick: () => { view.close(); view.el.remove(); } }, '×');
      view.el.querySelector('header').append(close);
      jobs.prepend(view.el);
      panels.push(view);
    } catch (e) {
      if (cardEl) cardEl.classList.remove('busy');
      showError(e);
    }
  }

  const offs = [
    on('status', (d) => {
      const el = board.querySelector(`[data-service="${CSS.escape(d.service)}"]`);
      if (!el || el.dataset.host !== d.host) { refresh(); return; }
      el.className = `service state-${d.state}`;
      const badge = el.querySelector('.badge');
      put(badge, d.state);
      badge.className = `badge state-${d.state}`;
      el.setAttribute('aria-label', `${d.service} on ${d.host}: ${d.state}`);
    }),
    on('registry', () => refresh()),
  ];
  refresh();
  return () => { offs.forEach((f) => f()); panels.forEach((p) => p.close()); };
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '–' : value)];
}

function health(hl) {
  if (!hl) return 'not checked';
  const target = hl.target ? `${hl.kind} ${hl.target}` : hl.kind;
  if (hl.ok === true) return `✓ ${target}`;
  if (hl.ok === false) return `✗ ${target}`;
  return target;
}
