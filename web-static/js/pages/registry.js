// Registry: the validated registry (GET /api/config) — machines and services — and a form to edit one service
// (PUT /api/services/{name}, the same locked, validated edit as `portoser registry update`). A rejected edit
// changes nothing; its validation messages are shown next to the field they name.

import { get, put as httpPut, seg } from '../api.js';
import { h, put, table, load, pending, message } from '../dom.js';
import { on } from '../events.js';

export const title = 'Registry';

const TYPES = ['docker', 'local', 'native'];
/** The editable fields: [key, label, kind]. Lists are typed comma-separated. */
const FIELDS = [
  ['current_host', 'Host', 'host'],
  ['deployment_type', 'Deployment type', 'type'],
  ['port', 'Port', 'number'],
  ['healthcheck_url', 'Health check URL', 'text'],
  ['docker_compose', 'Compose file', 'text'],
  ['service_file', 'Service file', 'text'],
  ['dependencies', 'Dependencies', 'list'],
  ['tags', 'Tags', 'list'],
];

export function mount(root, ctx) {
  const body = h('div', { id: 'registry' });
  const editor = h('div', { id: 'editor' });
  put(root, h('div', { class: 'page-head' }, h('h1', {}, 'Registry')), editor, body);
  pending(body);
  let config = null;

  const refresh = () => load(body, () => get('/api/config'), (c) => { config = c; return render(c); });

  function render(c) {
    const hosts = entries(c.hosts), services = entries(c.services);
    return [
      c.file ? h('p', { class: 'muted small' }, 'File: ', h('code', {}, c.file)) : null,
      c.registry_error ? h('p', { class: 'error', role: 'alert' }, 'The file on disk does not validate; showing the last valid version: ', c.registry_error) : null,
      h('h2', {}, 'Machines'),
      table(hosts, [['name', (x) => x.name], ['ip', (x) => x.ip], ['ssh', (x) => `${x.ssh_user || ''}${x.ssh_port ? `:${x.ssh_port}` : ''}`],
        ['path', (x) => x.path], ['arch', (x) => x.arch || ''], ['roles', (x) => (x.roles || []).join(', ')]], { empty: 'No machines.' }),
      h('h2', {}, 'Services'),
      table(services, [['name', (x) => x.name], ['host', (x) => x.current_host], ['type', (x) => x.deployment_type],
        ['port', (x) => x.port ?? ''], ['depends on', (x) => (x.dependencies || []).join(', ')], ['tags', (x) => (x.tags || []).join(', ')],
        ['', (x) => (ctx.canAdmin ? h('button', { type: 'button', 'aria-label': `Edit ${x.name}`, onclick: () => edit(x) }, 'Edit') : '')]],
      { empty: 'No services.' }),
      ctx.canAdmin ? null : h('p', { class: 'muted small' }, 'Editing needs an admin token.'),
      c.yaml ? h('details', { class: 'yaml' }, h('summary', {}, 'registry.yml as it is on disk'), h('pre', { class: 'log' }, c.yaml)) : null,
    ];
  }

  function edit(svc) {
    const hosts = entries(config.hosts).map((x) => x.name);
    const inputs = new Map();
    const errors = new Map();
    const formError = h('p', { class: 'error', role: 'alert', hidden: true });
    const saved = h('p', { class: 'ok', role: 'status', hidden: true });
    const rows = FIELDS.map(([key, label, kind]) => {
      const id = `f-${key}`;
      const input = field(kind, id, svc[key], hosts);
      const err = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
      input.setAttribute('aria-describedby', `${id}-error`);
      inputs.set(key, input);
      errors.set(key, err);
      return h('div', { class: 'field' }, h('label', { for: id }, label), input, err);
    });
    const form = h('form', { class: 'card edit', 'aria-labelledby': 'edit-h', onsubmit: save },
      h('h2', { id: 'edit-h' }, `Edit ${svc.name}`), formError, saved, rows,
      h('div', { class: 'row end' },
        h('button', { type: 'button', onclick: () => put(editor) }, 'Close'),
        h('button', { type: 'submit', class: 'primary' }, 'Save')));
    put(editor, form);
    inputs.get('current_host').focus();

    async function save(e) {
      e.preventDefault();
      formError.hidden = true;
      saved.hidden = true;
      errors.forEach((el, key) => { el.hidden = true; inputs.get(key).removeAttribute('aria-invalid'); });
      const change = {};
      for (const [key, , kind] of FIELDS) {
        const v = value(kind, inputs.get(key));
        if (JSON.stringify(v) !== JSON.stringify(norm(kind, svc[key]))) change[key] = v;
      }
      if (!Object.keys(change).length) { put(saved, 'Nothing changed.'); saved.hidden = false; return; }
      try {
        await httpPut(`/api/services/${seg(svc.name)}`, change);
        put(saved, `Saved ${Object.keys(change).join(', ')}.`);
        saved.hidden = false;
        Object.assign(svc, change);
        refresh();
      } catch (err) {
        const placed = placeErrors(err, errors, inputs);
        if (!placed) { put(formError, message(err)); formError.hidden = false; }
      }
    }
  }

  const off = on('registry', refresh);
  refresh();
  return off;
}

/** Puts each validation message next to the field it names; returns whether any was placed. */
function placeErrors(err, errors, inputs) {
  const messages = err.problems && err.problems.length ? err.problems : [err.detail];
  let placed = false;
  for (const text of messages) {
    const key = err.field && messages.length === 1 ? fieldKey(err.field) : keyIn(text, [...errors.keys()]);
    if (!key || !errors.has(key)) continue;
    const el = errors.get(key);
    put(el, el.hidden ? text : `${el.textContent}; ${text}`);
    el.hidden = false;
    inputs.get(key).setAttribute('aria-invalid', 'true');
    if (!placed) inputs.get(key).focus();
    placed = true;
  }
  return placed;
}

/** The form field a validation line names: its `services.NAME.FIELD` path, else the first field word in it. */
function keyIn(text, keys) {
  const path = String(text).match(/services\.[^.\s:]+\.([a-z_]+)/);
  if (path && keys.includes(path[1])) return path[1];
  return keys.find((k) => new RegExp(`\\b${k}\\b`).test(text));
}

/** "services.web.port" or "port" → "port". */
function fieldKey(field) {
  const parts = String(field).split(/[./]/);
  return parts[parts.length - 1];
}

function field(kind, id, current, hosts) {
  if (kind === 'host') {
    return h('select', { id, name: id }, hosts.map((x) => h('option', { value: x, selected: x === current }, x)));
  }
  if (kind === 'type') {
    return h('select', { id, name: id }, TYPES.map((x) => h('option', { value: x, selected: x === current }, x)));
  }
  if (kind === 'list') return h('input', { id, name: id, type: 'text', value: (current || []).join(', '), placeholder: 'comma-separated' });
  return h('input', { id, name: id, type: kind === 'number' ? 'text' : 'text', inputmode: kind === 'number' ? 'numeric' : null, value: current ?? '' });
}

function value(kind, input) {
  const v = input.value.trim();
  if (kind === 'list') return v ? v.split(',').map((x) => x.trim()).filter(Boolean) : [];
  if (kind === 'number') return v === '' ? null : /^\d+$/.test(v) ? Number(v) : v;
  return v === '' ? null : v;
}

function norm(kind, v) {
  if (kind === 'list') return v || [];
  return v === undefined || v === '' ? null : v;
}

/** [{name, ...}] from a map of name → object or a list. */
function entries(x) {
  if (!x) return [];
  if (Array.isArray(x)) return x;
  return Object.entries(x).map(([name, v]) => ({ name, ...v }));
}
