import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/core/index.js';
import { message, TENANT, type TeamsTest, teamsServer, user } from '../bots/teams/support.js';

/**
 * The Teams notifier suppresses a redelivered outbox event by its id: the second delivery of the
 * same event (a lease that expired during a slow send, an ack lost to a crash) sends no card.
 */
let t: TeamsTest;
beforeEach(async () => {
  t = await teamsServer();
});
afterEach(async () => t.close());

it('the same event delivered twice sends one card', async () => {
  const tina = user('tina', 'Tina Ito');
  const bo = user('bo', 'Bo Berg');
  expect((await t.post(message(t, tina, 'id'))).statusCode).toBeLessThan(300);
  const account = await t.store.getAccountByIdentity({
    platform: 'teams',
    tenantId: TENANT,
    aadObjectId: tina.aadObjectId,
  });
  if (!account) throw new Error('tina has no account');
  expect((await t.post(message(t, bo, account.handle))).statusCode).toBeLessThan(300);
  const page = await t.store.listRequests({
    accountId: account.id,
    direction: 'incoming',
    now: t.clock.now(),
    limit: 1,
  });
  const requestId = page.items[0]?.id ?? '';
  expect(requestId).not.toBe('');
  const event: DomainEvent = {
    id: 'evt_teams_dup',
    type: 'request_received',
    recipientId: account.id,
    requestId,
    actorId: null,
    at: t.clock.now(),
  };

  const before = t.connector.sends(tina.conversationId).length;
  expect(await t.notifier.deliver(event, account)).toEqual({ kind: 'delivered' });
  expect(await t.notifier.deliver(event, account)).toEqual({ kind: 'delivered' });
  expect(t.connector.sends(tina.conversationId).length - before).toBe(1);
});
