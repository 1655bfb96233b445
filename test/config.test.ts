import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { TEST_SECRET_KEY } from './helpers/secret-key.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';

const problemsOf = (env: Record<string, string>) => {
  const r = loadConfig(env);
  return r.ok ? [] : r.problems;
};

describe('configuration', () => {
  it('starts with no settings at all: embedded SQLite, Slack and Teams off with a reason', () => {
    const r = loadConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.port).toBe(3000);
    expect(r.config.host).toBe('127.0.0.1');
    expect(r.config.publicUrl).toBe('http://localhost:3000');
    expect(r.config.store).toEqual({ kind: 'sqlite', path: './data/chatwork-invite.db' });
    expect(r.config.dataDir).toBe('./data');
    expect(r.config.slack).toBeNull();
    expect(r.config.teams).toBeNull();
    expect(r.config.disabled.slack).toMatch(/SLACK_SIGNING_SECRET/);
    expect(r.config.disabled.teams).toMatch(/MicrosoftAppId/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a number/],
    [{ PORT: '70000' }, /between 0 and 65535/],
    [{ PUBLIC_URL: 'invite.example.com' }, /PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ STORE_URL: 'postgres://x' }, /STORE_URL must be sqlite:/],
    [{ REDIS_CLUSTER_NODES: 'a,b' }, /host:port/],
    [{ SECRET_KEY: 'c2hvcnQ=' }, /openssl rand -base64 32/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET/],
    [{ SLACK_SIGNING_SECRET: 's' }, /SLACK_BOT_TOKEN/],
    [{ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-user' }, /starting with xoxb-/],
    [{ SLACK_CLIENT_ID: 'id' }, /go together/],
    [{ MicrosoftAppId: APP_ID }, /MicrosoftAppPassword/],
    [{ MicrosoftAppPassword: 'pw' }, /without MicrosoftAppId/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' },
      /MicrosoftAppTenantId/,
    ],
    [{ TEAMS_ALLOW_UNAUTHENTICATED: 'maybe' }, /true or false/],
    [{ TEAMS_ADMINS: 'ann@example.com' }, /TEAMS_ADMINS must be a comma-separated list of .* object ids/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    // 44 `A`s decode to 33 zero bytes: long enough, but a placeholder.
    [{ SECRET_KEY: 'A'.repeat(44) }, /SECRET_KEY .*16 distinct bytes.*openssl rand -base64 32/],
    [{ SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }, /not a placeholder/],
    [{ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'p' }, /MicrosoftAppId must be .* a GUID like/],
    [
      { SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' },
      /SLACK_APP_TOKEN \(Socket Mode\) is set but Slack has no bot token/,
    ],
    [{ SLACK_APP_TOKEN: 'xapp-1-A1-1-abc', SLACK_SIGNING_SECRET: 's' }, /SLACK_BOT_TOKEN/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'p', TEAMS_ALLOW_UNAUTHENTICATED: 'true' },
      /TEAMS_ALLOW_UNAUTHENTICATED=true is set together with MicrosoftAppId: remove/,
    ],
  ])('refuses %j with a message that says how to fix it', (env, message) => {
    const problems = problemsOf(env);
    expect(problems.join('\n')).toMatch(message);
  });

  it('selects the store from STORE_URL, and Redis Cluster over it', () => {
    const redis = loadConfig({ STORE_URL: 'redis://127.0.0.1:6379' });
    expect(redis.ok && redis.config.store).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379' });
    const cluster = loadConfig({
      STORE_URL: 'redis://x:1',
      REDIS_CLUSTER_NODES: '127.0.0.1:7001, 127.0.0.1:7002',
    });
    expect(cluster.ok && cluster.config.store).toEqual({
      kind: 'redis-cluster',
      nodes: [
        { host: '127.0.0.1', port: 7001 },
        { host: '127.0.0.1', port: 7002 },
      ],
    });
    const memory = loadConfig({ STORE_URL: 'sqlite::memory:' });
    expect(memory.ok && memory.config.store).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('enables Slack and Teams when their settings are complete', () => {
    const r = loadConfig({
      SLACK_SIGNING_SECRET: 'sig',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      SECRET_KEY: TEST_SECRET_KEY,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.slack).toMatchObject({
      signingSecret: 'sig',
      botToken: 'xoxb-1',
      apiUrl: 'http://127.0.0.1:9/api/',
    });
    expect(r.config.teams).toEqual({ appType: 'MultiTenant', unauthenticated: true, admins: [] });
    expect(r.config.secretKey?.length).toBe(32);
  });

  it('accepts what the refusals leave: a GUID app id, a random key, Socket Mode with its bot token', () => {
    const r = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'p',
      SECRET_KEY: randomBytes(32).toString('base64'),
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1-A1-1-abc',
    });
    expect(r.ok ? [] : r.problems).toEqual([]);
    expect(r.ok && r.config.teams).toMatchObject({ appId: APP_ID, unauthenticated: false });
    const admins = loadConfig({
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      TEAMS_ADMINS: ` ${APP_ID.toUpperCase()} ,00000000-0000-0000-0000-00000000000a`,
    });
    expect(admins.ok && admins.config.teams?.admins).toEqual([
      APP_ID.toLowerCase(),
      '00000000-0000-0000-0000-00000000000a',
    ]);
    expect(r.ok && r.config.slack?.appToken).toBe('xapp-1-A1-1-abc');
  });

  it('refuses every placeholder-like SECRET_KEY and no random one (1,000 draws)', () => {
    for (let i = 0; i < 1000; i++)
      expect(problemsOf({ SECRET_KEY: randomBytes(32).toString('base64') })).toEqual([]);
    for (const weak of ['A'.repeat(44), Buffer.from('password'.repeat(4)).toString('base64')])
      expect(problemsOf({ SECRET_KEY: weak }).join()).toMatch(/SECRET_KEY/);
  });
});
