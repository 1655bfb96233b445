import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('Chatwork settings', () => {
  it('defaults: Chatwork API v2 and OAuth servers, polling every 60 s, OAuth off (also when set empty)', () => {
    const r = loadConfig({ CHATWORK_POLL_INTERVAL: '', CHATWORK_CLIENT_ID: ' ' });
    expect(r.ok && r.config.chatwork).toEqual({
      apiUrl: 'https://api.chatwork.com/v2',
      oauthUrl: 'https://oauth.chatwork.com',
      oauth: null,
      pollIntervalMs: 60_000,
    });
  });

  it('client id and secret together turn OAuth on; URLs lose a trailing slash', () => {
    const r = loadConfig({
      CHATWORK_CLIENT_ID: 'cid',
      CHATWORK_CLIENT_SECRET: 'csecret',
      CHATWORK_API_URL: 'http://127.0.0.1:9/v2/',
      CHATWORK_OAUTH_URL: 'http://127.0.0.1:9/oauth/',
      CHATWORK_POLL_INTERVAL: '90',
    });
    expect(r.ok && r.config.chatwork).toEqual({
      apiUrl: 'http://127.0.0.1:9/v2',
      oauthUrl: 'http://127.0.0.1:9/oauth',
      oauth: { clientId: 'cid', clientSecret: 'csecret' },
      pollIntervalMs: 90_000,
    });
  });

  it.each([
    [{ CHATWORK_CLIENT_ID: 'cid' }, 'CHATWORK_CLIENT_ID and CHATWORK_CLIENT_SECRET go together'],
    [{ CHATWORK_CLIENT_SECRET: 's' }, 'CHATWORK_CLIENT_ID and CHATWORK_CLIENT_SECRET go together'],
    [
      { CHATWORK_POLL_INTERVAL: 'soon' },
      'CHATWORK_POLL_INTERVAL must be a whole number of seconds, at least 2',
    ],
    [{ CHATWORK_POLL_INTERVAL: '1' }, 'CHATWORK_POLL_INTERVAL must be a whole number of seconds, at least 2'],
    [
      { CHATWORK_POLL_INTERVAL: '2.5' },
      'CHATWORK_POLL_INTERVAL must be a whole number of seconds, at least 2',
    ],
    [{ CHATWORK_API_URL: 'not a url' }, 'CHATWORK_API_URL must be a URL'],
  ])('%o is refused with a message that says how to fix it', (env, message) => {
    const r = loadConfig(env);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join('\n')).toContain(message);
  });
});
