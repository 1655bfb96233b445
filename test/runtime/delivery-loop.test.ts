import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  type DomainEvent,
  ensureAccount,
  type Notifier,
  type OutboxItem,
  requestConnection,
  type StorePort,
} from '../../src/core/index.js';
import { startDeliveryLoop } from '../../src/runtime/delivery-loop.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor } from '../helpers/identities.js';
import { until } from '../helpers/until.js';

/**
 * The delivery loop's `nudge`: after a user action, an idle loop looks at the outbox at once instead
 * of at its next idle poll (a minute away here), and a burst of nudges costs one look, not one each.
 * Real SQLite store, real core use cases; the notifier is the test's own, recording what reached it.
 */
let t: TestCore;
let loop: ReturnType<typeof startDeliveryLoop> | null = null;
let claims = 0;
const delivered: DomainEvent[] = [];
const recording: Notifier = {
  platform: 'slack',
  deliver: async (event) => {
    delivered.push(event);
    return { kind: 'delivered' };
  },
};

beforeEach(() => {
  t = openTestCore();
  claims = 0;
  delivered.length = 0;
});
afterEach(async () => {
  await loop?.stop();
  loop = null;
  await t.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The loop on a store that counts its claims (each a look at the outbox); idle poll: one minute. */
function startIdleLoop() {
  const store: StorePort = {
    ...t.store,
    claimOutbox: (cmd): Promise<OutboxItem[]> => {
      claims++;
      return t.store.claimOutbox(cmd);
    },
  };
  const deps = { ...t.deps, store };
  loop = startDeliveryLoop({ deps, notifiers: [recording], owner: 'nudge-test', idleMs: 60_000, lanes: 4 });
  return loop;
}

/** Someone sends Olivia a request: one `request_received` event in the outbox. */
async function askOlivia(i: number) {
  const olivia = await ensureAccount(t.deps, slackActor('UOLIVIA', 'Olivia Owner'));
  if (!olivia.ok) throw new Error(olivia.error.code);
  const sent = await requestConnection(t.deps, {
    actor: slackActor(`US${i}`, `Sender ${i}`),
    target: { kind: 'text', text: olivia.value.account.handle },
    source: 'link',
  });
  if (!sent.ok) throw new Error(sent.error.code);
}

it('an idle loop delivers a new notice right after a nudge, not at its next poll a minute later', async () => {
  const l = startIdleLoop();
  await sleep(100); // every lane has found the outbox empty and sleeps for a minute
  await askOlivia(1);
  await sleep(100);
  expect(delivered).toHaveLength(0); // without a nudge it waits for the poll
  l.nudge();
  await until(() => delivered.length === 1, 2_000, 5);
  expect(delivered[0]?.type).toBe('request_received');
});

it('a burst of nudges is one look at the outbox', async () => {
  const l = startIdleLoop();
  await sleep(100);
  const before = claims;
  for (let i = 0; i < 1_000; i++) l.nudge();
  await sleep(100);
  expect(claims - before).toBe(1);
});
