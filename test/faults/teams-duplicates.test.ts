import { afterEach, beforeEach, expect, it } from 'vitest';
import { DATA_VERSION, VERBS } from '../../src/bots/teams/card-kit.js';
import type { DomainEvent } from '../../src/core/index.js';
import { cardAction, message, TENANT, type TeamsTest, teamsServer, user } from '../bots/teams/support.js';

/**
 * Teams duplicates: the notifier suppresses a redelivered outbox event by its id (a lease that
 * expired during a slow send, an ack lost to a crash), and a duplicate invoke changes nothing more.
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

it('a duplicate Accept invoke makes one transition and one notice', async () => {
  const tina = user('tina', 'Tina Ito');
  const bo = user('bo', 'Bo Berg');
  await t.post(message(t, tina, 'id'));
  await t.post(message(t, bo, 'id'));
  const account = await t.store.getAccountByIdentity({
    platform: 'teams',
    tenantId: TENANT,
    aadObjectId: tina.aadObjectId,
  });
  if (!account) throw new Error('tina has no account');
  await t.post(message(t, bo, account.handle));
  const page = await t.store.listRequests({
    accountId: account.id,
    direction: 'incoming',
    now: t.clock.now(),
    limit: 1,
  });
  const requestId = page.items[0]?.id ?? '';
  while ((await t.deliver()).claimed > 0);

  const invoke = cardAction(t, tina, VERBS.accept, { v: DATA_VERSION, requestId }, { id: 'inv-dup' });
  const first = await t.post(invoke);
  const second = await t.post(invoke);
  expect(first.statusCode).toBe(200);
  expect(second.statusCode).toBe(200);
  expect((await t.store.getRequest(requestId))?.state).toBe('accepted');
  const before = t.connector.sends(bo.conversationId).length;
  let delivered = 0;
  for (let r = await t.deliver(); r.claimed > 0; r = await t.deliver()) delivered += r.delivered;
  expect(delivered).toBe(1);
  expect(t.connector.sends(bo.conversationId).length - before).toBe(1);
});
