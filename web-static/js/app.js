// The shell: session check, login, the page router (#/page) and the header (who, live-connection dot, log out).

import { get, post, setCsrf, whenUnauthorized } from './api.js';
import { connect, disconnect, onConnection } from './events.js';
import { h, put, message } from './dom.js';
import * as login from './pages/login.js';
import * as cluster from './pages/cluster.js';
import * as dependencies from './pages/dependencies.js';
import * as log from './pages/deploylog.js';
import * as knowledge from './pages/knowledge.js';
import * as history from './pages/history.js';
import * as monitoring from './pages/monitoring.js';
import * as registry from './pages/registry.js';

const PAGES = { cluster, dependencies, log, knowledge, history, monitoring, registry };
const main = document.getElementById('main');
let session = null;
let unmount = () => {};

/** What the signed-in token may do; pages hide buttons it could not use. */
function context() {
  const scope = session ? session.scope : 'read';
  const rank = { read: 0, deploy: 1, admin: 2 }[String(scope).toLowerCase()] ?? 0;
  return { session, canDeploy: rank >= 1, canAdmin: rank >= 2 };
}

function route() {
  const name = (location.hash.match(/^#\/([a-z]+)/) || [])[1] || 'cluster';
  return PAGES[name] ? name : 'cluster';
}

function show() {
  unmount();
  unmount = () => {};
  if (!session) return showLogin();
  const name = route();
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  document.title = `${PAGES[name].title} · Portoser`;
  main.replaceChildren();
  main.dataset.page = name;
  const cleanup = PAGES[name].mount(main, context());
  unmount = typeof cleanup === 'function' ? cleanup : () => {};
}

function showLogin() {
  setSignedIn(false);
  document.title = 'Log in · Portoser';
  main.dataset.page = 'login';
  login.mount(main, { onLogin: signedIn });
}

function signedIn(reply) {
  session = reply;
  setCsrf(reply.csrf);
  setSignedIn(true);
  connect();
  show();
  const heading = main.querySelector('h1');
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

function setSignedIn(yes) {
  document.getElementById('nav').hidden = !yes;
  document.getElementById('who').hidden = !yes;
  const anonymous = yes && session && session.authenticated === false;
  put(document.getElementById('whoami'), !yes || !session ? '' : anonymous ? 'public read-only view'
    : `${session.name} · ${String(session.scope).toLowerCase()}`);
  put(document.getElementById('logout'), anonymous ? 'Log in' : 'Log out');
}

/** Log out; in a --public-read server's anonymous view the same button leads to the login page. */
async function logout() {
  if (session && session.authenticated === false) {
    unmount();
    unmount = () => {};
    showLogin();
    return;
  }
  try { await post('/api/logout'); } catch (e) { /* the session may already be gone */ }
  expire();
}

function expire() {
  session = null;
  setCsrf(null);
  disconnect();
  show();
}

function watchConnection() {
  const dot = document.getElementById('conn');
  onConnection((state) => {
    dot.className = `conn ${state}`;
    put(dot, h('span', { class: 'sr-only' }, `live updates: ${state}`));
    dot.title = `Live updates: ${state}`;
  });
}

async function boot() {
  whenUnauthorized(() => { if (session) expire(); });
  document.getElementById('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', () => {
    show();
    const heading = main.querySelector('h1');
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  });
  watchConnection();
  try {
    signedIn(await get('/api/session'));
  } catch (e) {
    if (e.status !== 401 && e.status !== 403) put(document.getElementById('alerts'), h('div', { class: 'alert', role: 'alert' }, message(e)));
    showLogin();
  }
}

boot();
