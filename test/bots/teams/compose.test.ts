import { describe, expect, it } from 'vitest';
import { compose } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config.js';
import { startFakeConnector } from '../../fakes/bot-connector.js';
import { cardAction, cardText, user } from './support.js';

const ann = user('ann', 'Ann Lee');

async function composed(env: Record<string, string>) {
  const loaded = loadConfig({
    STORE_URL: 'sqlite::memory:',
    PUBLIC_URL: 'https://invite.example.com',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return compose(loaded.config, { logger: false, delivery: false });
}

describe('compose wires Teams only when configured', () => {
  it('TEAMS_ALLOW_UNAUTHENTICATED=true: /api/messages answers through the real composition', async () => {
    const connector = await startFakeConnector();
    const c = await composed({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    try {
      const res = await c.app.inject({
        method: 'POST',
        url: '/api/messages',
        payload: {
          type: 'message',
          id: 'm-1',
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          from: { id: ann.id, name: ann.name, aadObjectId: ann.aadObjectId },
          recipient: { id: '28:bot', name: 'Chatwork Invite' },
          conversation: { conversationType: 'personal', id: ann.conversationId, tenantId: 'tenant-1' },
          text: 'id',
          locale: 'en-US',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(cardText(connector.cardOf(connector.sends()[0]))).toContain('Your Chatwork ID is ann-lee.');
    } finally {
      await c.app.close();
      await c.shutdown();
      await connector.close();
    }
  });

  it('over a real socket: the invoke response body reaches the caller (no reply.hijack)', async () => {
    const connector = await startFakeConnector();
    const c = await composed({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    try {
      const base = await c.app.listen({ host: '127.0.0.1', port: 0 });
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(cardAction({ connector }, ann, 'accept', { v: 1, requestId: 'req_nope' })),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toEqual({
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'This request is not yours to answer.',
      });
    } finally {
      await c.app.close();
      await c.shutdown();
      await connector.close();
    }
  });

  it('Teams off: /api/messages is 404', async () => {
    const c = await composed({});
    try {
      const res = await c.app.inject({ method: 'POST', url: '/api/messages', payload: {} });
      expect(res.statusCode).toBe(404);
    } finally {
      await c.app.close();
      await c.shutdown();
    }
  });
});
