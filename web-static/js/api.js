// The one way pages talk to the server: same-origin fetch with the session cookie, the CSRF token on every
// mutation, JSON both ways, and errors as ApiError carrying the server's one-line `detail`.

let csrf = null;
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor(status, body) {
    const detail = (body && body.detail) || `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.detail = detail;
    this.error = body && body.error;
    this.field = body && body.field;
    this.problems = (body && body.problems) || [];
  }
}

/** Remembers the CSRF token from the login or session reply. */
export function setCsrf(token) { csrf = token || null; }

/** Called once when any request answers 401 (session expired or revoked): the app shows the login page. */
export function whenUnauthorized(fn) { onUnauthorized = fn; }

export async function request(method, path, body, { raw = false, contentType } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    init.body = raw ? body : JSON.stringify(body);
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let reply;
  try {
    reply = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { detail: `the server did not answer (${e.message})` });
  }
  const text = await reply.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text.split('\n')[0] }; }
  if (!reply.ok) {
    if (reply.status === 401 && path !== '/api/login') onUnauthorized();
    throw new ApiError(reply.status, data);
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

/** Encodes one path segment (service names, ids). */
export const seg = (s) => encodeURIComponent(s);
