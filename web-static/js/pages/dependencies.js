// Dependencies: the service graph (GET /api/dependencies/graph) drawn as SVG, one column per dependency wave,
// failing services highlighted (from GET /api/status); click or Enter on a service shows its impact
// (GET /api/dependencies/impact/{service}) and marks the services it takes down with it.

import { get, seg } from '../api.js';
import { h, s, put, message } from '../dom.js';
import { on } from '../events.js';
import { layoutWaves, edgePath, NODE } from '../layout.js';

export const title = 'Dependencies';

const FINE = new Set(['healthy', 'running', 'starting']);

export function mount(root) {
  const area = h('div', { class: 'graph-wrap', id: 'graph' }, h('p', { class: 'muted', role: 'status' }, 'Loading the graph…'));
  const impact = h('section', { class: 'impact card', id: 'impact', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Select a service to see what depends on it.'));
  put(root, h('div', { class: 'page-head' }, h('h1', {}, 'Dependencies')),
    h('div', { class: 'legend small' },
      h('span', { class: 'key key-ok' }, 'healthy / running'), h('span', { class: 'key key-failing' }, 'failing or stopped'),
      h('span', { class: 'key key-impacted' }, 'impacted by the selection'), h('span', { class: 'muted' }, 'arrows point from a service to what it needs')),
    area, impact);

  let graph = null;
  let states = new Map();
  let selected = null;
  let hitNames = [];

  async function loadAll() {
    try {
      graph = await get('/api/dependencies/graph');
      draw();
    } catch (e) {
      put(area, h('p', { class: 'error', role: 'alert' }, message(e)));
      return;
    }
    try {
      const status = await get('/api/status');
      states = new Map((status.services || []).map((x) => [x.name, x.state]));
      draw();
    } catch (e) { /* the graph is still useful without states */ }
  }

  function draw() {
    const nodes = graph.nodes || [];
    if (!nodes.length) { put(area, h('p', { class: 'muted' }, 'No services in the registry.')); return; }
    const { positions, columns, width, height } = layoutWaves(nodes);
    const svg = s('svg', {
      class: 'graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'group', 'aria-label': 'Dependency graph',
    },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }))),
    columns.map((c) => s('text', { x: c.x, y: 28, class: 'wave-label' }, `wave ${c.wave}`)),
    (graph.edges || []).filter((e) => positions.has(e.from) && positions.has(e.to)).map((e) => s('path', {
      class: 'edge', d: edgePath(positions.get(e.from), positions.get(e.to)), 'marker-end': 'url(#arrow)',
      dataset: { from: e.from, to: e.to },
    })),
    nodes.map((n) => node(n, positions.get(n.id))));
    put(area, svg);
  }

  function node(n, p) {
    const state = states.get(n.id);
    const failing = state && !FINE.has(state);
    const g = s('g', {
      class: `node ${failing ? 'failing' : state ? 'ok' : ''} ${selected === n.id ? 'selected' : ''} ${hitNames.includes(n.id) ? 'impacted' : ''}`,
      transform: `translate(${p.x},${p.y})`, tabindex: 0, role: 'button',
      'aria-label': `${n.id} on ${n.host}${state ? `, ${state}` : ''}: show impact`, dataset: { service: n.id },
    },
    s('rect', { width: NODE.w, height: NODE.h, rx: 8 }),
    s('text', { x: 12, y: 21, class: 'name' }, n.id),
    s('text', { x: 12, y: 40, class: 'meta' }, `${n.host || '?'} · ${n.deployment_type || ''}${state ? ` · ${state}` : ''}`));
    g.addEventListener('click', () => showImpact(n.id));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showImpact(n.id); }
    });
    return g;
  }

  async function showImpact(service) {
    selected = service;
    area.querySelectorAll('.node').forEach((g) => g.classList.toggle('selected', g.dataset.service === service));
    put(impact, h('p', { class: 'muted', role: 'status' }, `Impact of ${service}…`));
    try {
      const reply = await get(`/api/dependencies/impact/${seg(service)}`);
      const hit = impacted(reply);
      hitNames = hit.map(([n]) => n);
      area.querySelectorAll('.node').forEach((g) => g.classList.toggle('impacted', hitNames.includes(g.dataset.service)));
      put(impact, h('h2', {}, `If ${service} goes down`),
        hit.length ? [h('p', {}, `${hit.length} service${hit.length === 1 ? '' : 's'} stop working:`),
          h('ul', { class: 'impacted-list' }, hit.map(([n, d]) => h('li', {}, h('strong', {}, n),
            h('span', { class: 'muted' }, d === 1 ? ' — needs it directly' : ` — through ${d - 1} other service${d === 2 ? '' : 's'}`))))]
          : h('p', {}, 'Nothing else depends on it.'));
    } catch (e) {
      put(impact, h('p', { class: 'error', role: 'alert' }, message(e)));
    }
  }

  const offs = [on('registry', loadAll), on('status', (d) => {
    if (!graph || states.get(d.service) === d.state) return;
    states.set(d.service, d.state);
    draw();
  })];
  loadAll();
  return () => offs.forEach((f) => f());
}

/** {service, impacted: {name: distance}} → [[name, distance]], nearest first. */
function impacted(reply) {
  const m = (reply && reply.impacted) || {};
  return Object.entries(m).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}
