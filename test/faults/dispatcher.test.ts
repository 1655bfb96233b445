import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CoreDeps,
  DELIVERY,
  type DispatchReport,
  dispatchOnce,
  type Notifier,
} from '../../src/core/index.js';
import { createMetrics } from '../../src/http/metrics.js';
import { startDeliveryLoop } from '../../src/runtime/delivery-loop.js';
import { fixedClock, T0, type TestClock } from '../helpers/clock.js';
import { seededRandom } from '../helpers/random.js';
import { type Answer, type FakePlatform, httpNotifier, startFakePlatform } from './support/platform.js';
import { deliveredOrder, seedOutbox } from './support/seed.js';
import { faultStores, type OpenedFaultStore } from './support/stores.js';

/**
 * The outbox dispatcher against real stores and a platform on 127.0.0.1 that answers 429 with
 * Retry-After, then 5xx, then not at all: every notification still arrives, once, in order per
 * recipient; a hopeless one is dead-lettered after DELIVERY.maxAttempts with a metric and a log
 * line; a lease left by a crashed worker expires and the event is delivered again.
 */
const stores = await faultStores();

/** Runs dispatcher steps, moving the clock by `stepMs` after each, until the outbox is empty. */
async function drainWithClock(
  deps: CoreDeps,
  clock: TestClock,
  notifiers: Notifier[],
  owner: string,
  stepMs: number,
): Promise<DispatchReport[]> {
  const reports: DispatchReport[] = [];
  for (let step = 0; step < 5_000; step++) {
    reports.push(await dispatchOnce(deps, notifiers, owner));
    if ((await deps.store.outboxStats(clock.now())).depth === 0) return reports;
    clock.advance(stepMs);
  }
  throw new Error('the outbox never drained');
}

for (const kind of stores) {
  describe.skipIf(kind.skip !== null)(`outbox dispatcher on ${kind.name}`, () => {
    let opened: OpenedFaultStore;
    let platform: FakePlatform | null = null;
    let clock: TestClock;
    let deps: CoreDeps;
    beforeEach(async () => {
      opened = await kind.open();
      clock = fixedClock(T0);
      deps = { store: opened.store, clock, random: seededRandom(7), publicUrl: 'https://invite.example.com' };
    });
    afterEach(async () => {
      await platform?.close();
      platform = null;
      await opened.close();
    });

    it('429 with Retry-After, then 5xx, then timeouts: every notification arrives once, in order per recipient', async () => {
      const seeded = await seedOutbox(opened.store, { recipients: 6, perRecipient: 5, now: T0 });
      const script = (_: unknown, n: number): Answer => {
        if (n < 6) return { kind: 'status', status: 429, retryAfterS: 3 };
        if (n < 12) return { kind: 'status', status: n % 2 === 0 ? 503 : 500 };
        if (n < 18) return { kind: 'hang' };
        return { kind: 'ok' };
      };
      platform = await startFakePlatform(script);
      const notifier = httpNotifier({
        url: platform.url,
        worker: 'w1',
        now: () => clock.now(),
        timeoutMs: 1500,
      });

      const reports = await drainWithClock(deps, clock, [notifier], 'w1', 500);

      const delivered = platform.delivered();
      expect(delivered).toHaveLength(seeded.total);
      expect(new Set(delivered.map((c) => c.eventId)).size).toBe(seeded.total);
      expect(deliveredOrder(delivered)).toEqual(seeded.expected);
      // Each fault kind really happened and was retried.
      expect(platform.calls.filter((c) => c.answer === 429)).toHaveLength(6);
      expect(platform.calls.filter((c) => c.answer === 500 || c.answer === 503)).toHaveLength(6);
      expect(platform.calls.filter((c) => c.answer === 'hang')).toHaveLength(6);
      expect(reports.reduce((s, r) => s + r.retried, 0)).toBe(18);
      // Retry-After was honoured: the next try of a throttled event came ≥ 3 s later.
      for (const [i, call] of platform.calls.entries()) {
        if (call.answer !== 429) continue;
        const next = platform.calls.slice(i + 1).find((c) => c.eventId === call.eventId);
        expect(next?.sentAt).toBeGreaterThanOrEqual(call.sentAt + 3000);
      }
      expect(await opened.store.outboxStats(clock.now())).toEqual({ depth: 0, oldestAgeMs: 0, dead: 0 });
    });

    it(`dead-letters after ${DELIVERY.maxAttempts} failed attempts, with a metric and a log line, and moves on`, async () => {
      const seeded = await seedOutbox(opened.store, { recipients: 2, perRecipient: 3, now: T0 });
      const [doomedRecipient] = [...seeded.expected.keys()];
      const doomedRequest = seeded.expected.get(doomedRecipient ?? '')?.[0];
      platform = await startFakePlatform((call) =>
        call.requestId === doomedRequest ? { kind: 'status', status: 500 } : { kind: 'ok' },
      );
      // A clock that jumps 10 s at each reading, so the real loop runs through hours of backoff at once.
      let at = T0;
      const jumping = { now: () => (at += 10_000) };
      const metrics = createMetrics({ store: opened.store, clock: jumping });
      const lines: Array<{ obj: object; msg: string }> = [];
      const loop = startDeliveryLoop({
        deps: { ...deps, clock: jumping },
        notifiers: [httpNotifier({ url: platform.url, worker: 'loop', now: jumping.now })],
        owner: 'loop',
        idleMs: 1,
        // One lane: under a clock that jumps 10 s a reading, a 30 s lease runs out within one step,
        // so side-by-side lanes would take each other's items (as workers past a lease do).
        lanes: 1,
        telemetry: metrics.telemetry,
        log: { error: (obj, msg) => lines.push({ obj, msg }) },
      });
      try {
        for (let i = 0; i < 400 && platform.delivered().length < seeded.total - 1; i++)
          await new Promise((r) => setTimeout(r, 10));
        for (let i = 0; i < 400 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      } finally {
        await loop.stop();
      }

      const doomedCalls = platform.calls.filter((c) => c.requestId === doomedRequest);
      expect(doomedCalls).toHaveLength(DELIVERY.maxAttempts);
      expect(doomedCalls.every((c) => c.answer === 500)).toBe(true);
      // The recipient's later events were not held back by the dead one, and kept their order.
      const rest = new Map(seeded.expected);
      rest.set(doomedRecipient ?? '', (seeded.expected.get(doomedRecipient ?? '') ?? []).slice(1));
      expect(deliveredOrder(platform.delivered())).toEqual(rest);
      expect((await opened.store.outboxStats(jumping.now())).dead).toBe(1);

      expect(lines).toHaveLength(1);
      expect(lines[0]?.msg).toMatch(/dead-lettered/);
      expect(lines[0]?.obj).toMatchObject({
        type: 'request_received',
        recipientId: doomedRecipient,
        attempts: DELIVERY.maxAttempts,
        error: 'platform answered 500',
      });
      const text = await metrics.registry.metrics();
      expect(text).toContain('chatwork_outbox_dead_letters_total{type="request_received"} 1');
      expect(text).toMatch(/chatwork_outbox_dead 1/);
    });

    it('a lease left by a crashed worker expires, and the event is delivered then, once', async () => {
      const seeded = await seedOutbox(opened.store, { recipients: 1, perRecipient: 2, now: T0 });
      platform = await startFakePlatform();
      const notifier = httpNotifier({ url: platform.url, worker: 'w2', now: () => clock.now() });
      // Worker 1 claims the head event and "crashes": no ack, no fail.
      const claimed = await opened.store.claimOutbox({
        owner: 'w1-crashed',
        now: clock.now(),
        leaseMs: DELIVERY.leaseMs,
        limit: 10,
      });
      expect(claimed).toHaveLength(1);

      // While the lease holds, nobody else delivers that recipient's events (order is kept).
      clock.advance(DELIVERY.leaseMs - 1);
      expect((await dispatchOnce(deps, [notifier], 'w2')).claimed).toBe(0);
      // When it expires, worker 2 delivers both, in order.
      clock.advance(1);
      await drainWithClock(deps, clock, [notifier], 'w2', 100);
      expect(deliveredOrder(platform.delivered())).toEqual(seeded.expected);
      expect(platform.calls).toHaveLength(2);
      // The crashed worker's late ack is refused: its lease is gone.
      expect(await opened.store.ackOutbox({ eventId: claimed[0]?.event.id ?? '', owner: 'w1-crashed' })).toBe(
        false,
      );
    });
  });
}
