import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeError } from '../../src/i18n/catalog.js';
import { cardAction, message, type TeamsTest, teamsServer, user } from '../bots/teams/support.js';

/**
 * The store goes away under the Teams bot (the database is closed under the running server): a
 * message is answered with the localized "temporarily unavailable" text, an Action.Execute with it
 * as the invoke's message; never a 500, never the driver's words.
 */
let t: TeamsTest;
beforeEach(async () => {
  t = await teamsServer();
});
afterEach(async () => t.close());

it('a message and a card action during a store outage get the localized message', async () => {
  const tina = user('tina', 'Tina Ito', { locale: 'ja-JP' });
  await t.post(message(t, tina, 'id'));
  await t.store.close();

  const before = t.connector.calls.length;
  const started = Date.now();
  const sent = await t.post(message(t, tina, 'requests'));
  expect(sent.statusCode).toBeLessThan(300);
  expect(Date.now() - started).toBeLessThan(3000);
  const replies = t.connector.calls.slice(before).map((c) => JSON.stringify(c.body));
  expect(replies.join('\n')).toContain(describeError('ja', { code: 'STORE_UNAVAILABLE' }));

  const clicked = await t.post(cardAction(t, tina, 'accept', { v: 1, requestId: 'req_x' }));
  expect(clicked.statusCode).toBe(200);
  expect(clicked.body).toContain(describeError('ja', { code: 'STORE_UNAVAILABLE' }));
  expect(clicked.body + sent.body).not.toMatch(/sqlite|database|not open/i);
});
