// Small DOM helpers: build elements without innerHTML (API text is never parsed as HTML), dialogs, errors.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** h('button', {class: 'x', onclick: fn}, 'text', child) → element. Attribute null/false → left out. */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** Same as h() for SVG elements. */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v); // CSSOM: allowed under a strict CSP
    else if (k === 'value' && 'value' in el) el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function put(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A modal confirmation (native <dialog>: focus moves in, Escape cancels). Resolves true only on confirm. */
export function confirmDialog({ title, message, confirm = 'Confirm', danger = false }) {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'submit', value: 'yes', class: danger ? 'danger' : 'primary' }, confirm);
    const dlg = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, title),
        h('p', {}, message),
        h('div', { class: 'row end' },
          h('button', { type: 'submit', value: 'no' }, 'Cancel'),
          yes)));
    dlg.addEventListener('close', () => {
      resolve(dlg.returnValue === 'yes');
      dlg.remove();
    });
    document.body.append(dlg);
    dlg.showModal();
    yes.focus();
  });
}

/** The one-line message of an API error (its `detail`), or of any other error. */
export function message(err) {
  return (err && (err.detail || err.message)) || String(err);
}

/** Shows an error in the page's alert region for a while; also returns the line for inline use. */
export function showError(err) {
  const text = message(err);
  const region = document.getElementById('alerts');
  if (region) {
    const item = h('div', { class: 'alert', role: 'alert' }, text,
      h('button', { class: 'link', 'aria-label': 'Dismiss', onclick: () => item.remove() }, '×'));
    region.append(item);
    setTimeout(() => item.remove(), 12000);
  }
  return text;
}

/** A "loading…" / error placeholder while a page section waits for the API. */
export function pending(el, label = 'Loading…') {
  return put(el, h('p', { class: 'muted', role: 'status' }, label));
}

/** Fills `el` with the result of `render(await load())`, or the error's one line. */
export async function load(el, loader, render) {
  try {
    const data = await loader();
    put(el, render(data));
    return data;
  } catch (e) {
    put(el, h('p', { class: 'error', role: 'alert' }, message(e)));
    return null;
  }
}

/**
 * A table: columns are [heading, row → cell] pairs. With no columns, one column per key of the first row
 * (for replies whose exact fields a page does not need to know).
 */
export function table(rows, columns, { caption, empty = 'Nothing yet.' } = {}) {
  if (!rows || rows.length === 0) return h('p', { class: 'muted' }, empty);
  const cols = columns || Object.keys(rows[0]).map((k) => [k.replace(/_/g, ' '), (r) => cell(r[k])]);
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, cols.map(([name]) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, cols.map(([, f]) => h('td', {}, f(r))))))));
}

/** A value as short text: lists joined, objects as compact JSON. */
export function cell(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
