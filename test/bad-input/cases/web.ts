import { answered, type Case, noLeak } from '../support/case.js';

/**
 * The web page with hostile paths, forged forms and sign-in tokens: nobody signed in can add a
 * contact as someone else, and odd URLs get a 4xx page, never a 5xx.
 */
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const get = (name: string, url: string, headers: Record<string, string> = {}): Case => ({
  name: `web: GET ${name}`,
  run: (w) => w.web('GET', url, headers),
});
const post = (name: string, url: string, payload: string, headers: Record<string, string> = FORM): Case => ({
  name: `web: POST ${name}`,
  run: (w) => w.web('POST', url, headers, payload),
});

export const webCases: Case[] = [
  get('path traversal', '/..%2f..%2fetc%2fpasswd'),
  get('encoded NUL', '/alice-h%00'),
  get('script in the handle', '/%3Cscript%3Ealert(1)%3C%2Fscript%3E'),
  get('handle of 5,000 chars', `/${'a'.repeat(5000)}`),
  get('query string of 50,000 chars', `/alice-h?x=${'q'.repeat(50_000)}`),
  get('invalid percent encoding', '/alice-h%zz'),
  get('QR of a hostile handle', '/%E2%80%AEalice/qr.png'),
  get('hostile Accept-Language', '/alice-h', { 'accept-language': `${'x-'.repeat(2000)};q=abc` }),
  get('hostile cookie', '/alice-h', { cookie: `cw_session=${'%'.repeat(4000)}` }),
  get('a forged session cookie', '/alice-h', { cookie: 'cw_session=forged.session.value' }),
  get('sign-in with a forged token', '/signin?token=forged-token-value'),
  get('sign-in with a token of 10,000 chars', `/signin?token=${'t'.repeat(10_000)}`),
  get('sign-in with two tokens', '/signin?token=a&token=b'),
  post('add to contacts without a session', '/alice-h/add', 'csrf=x'),
  post('add to contacts with a forged session and CSRF', '/bob-h/add', 'csrf=forged', {
    ...FORM,
    cookie: 'cw_session=forged',
  }),
  post('add as JSON', '/bob-h/add', '{"csrf":"x"}', { 'content-type': 'application/json' }),
  post('add with a body over 1 MB', '/bob-h/add', `csrf=${'x'.repeat(1_100_000)}`),
  post('signout without a session', '/signout', 'csrf=x'),
  post('to a handle that is not there', '/nobody-here/add', 'csrf=x'),
].map((c) => ({
  ...c,
  check: (r) => {
    answered(r);
    noLeak(r);
  },
}));
