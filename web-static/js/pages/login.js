// Log in with an API token once (POST /api/login); the server answers with an HttpOnly session cookie and
// the CSRF token mutations send. The token itself is never stored by the page.

import { post } from '../api.js';
import { h, put, message } from '../dom.js';

export const title = 'Log in';

export function mount(root, { onLogin }) {
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert', hidden: true });
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-describedby': 'token-help login-error',
  });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'login card', onsubmit: submit },
    h('h1', {}, 'Log in to Portoser'),
    h('label', { for: 'token' }, 'Access token'),
    input,
    h('p', { id: 'token-help', class: 'muted' },
      'Paste the token ', h('code', {}, 'portoser web'), ' printed at start, or one from ',
      h('code', {}, 'portoser web token create --scope deploy'), '.'),
    error,
    h('div', { class: 'row end' }, button));
  put(root, h('div', { class: 'center' }, form));
  input.focus();

  async function submit(e) {
    e.preventDefault();
    button.disabled = true;
    error.hidden = true;
    try {
      const reply = await post('/api/login', { token: input.value.trim() });
      input.value = '';
      onLogin(reply);
    } catch (err) {
      put(error, message(err));
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.select();
    } finally {
      button.disabled = false;
    }
  }
}
