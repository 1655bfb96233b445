import type { OutboxItem } from '../events.js';
import type { DeliveryResult, Notifier } from '../ports.js';
import type { CoreDeps } from './deps.js';
import { noticePlatform } from './platform-used.js';

export const DELIVERY = {
  leaseMs: 30_000,
  batch: 20,
  maxAttempts: 8,
  baseBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
} as const;

/** Exponential backoff with full jitter, never shorter than the platform's Retry-After. */
export function backoffMs(attempts: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(DELIVERY.maxBackoffMs, DELIVERY.baseBackoffMs * 2 ** attempts);
  const jittered = Math.floor(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

export interface DispatchReport {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Events that went to the dead letter, for the log line and metric. */
  deadEvents: Array<{ eventId: string; type: string; recipientId: string; attempts: number; error: string }>;
  /** The longest Retry-After a platform answered in this step (0: none); the loop pauses that long. */
  retryAfterMs: number;
}

export interface DispatchOptions {
  /** How many items to lease and deliver at once (default `DELIVERY.batch`); the loop adapts it. */
  limit?: number;
  /**
   * Waits for the recipient's turn under the platform's per-channel limit: 0 to send now, or the ms
   * until their turn when that is too long to wait (the event is retried then, as for a Retry-After).
   */
  turn?: (recipientId: string) => Promise<number>;
}

/**
 * One dispatcher step: lease a batch (at most one item per recipient, so order is kept per
 * recipient), deliver each through the notifier of the recipient's platform, then ack the delivered
 * ones together (one round trip), retry the others with backoff, or dead-letter after `maxAttempts`.
 */
export async function dispatchOnce(
  deps: CoreDeps,
  notifiers: readonly Notifier[],
  owner: string,
  opts: DispatchOptions = {},
): Promise<DispatchReport> {
  const now = deps.clock.now();
  const limit = opts.limit ?? DELIVERY.batch;
  const items = await deps.store.claimOutbox({ owner, now, leaseMs: DELIVERY.leaseMs, limit });
  const report: DispatchReport = {
    claimed: items.length,
    delivered: 0,
    retried: 0,
    dead: 0,
    deadEvents: [],
    retryAfterMs: 0,
  };
  const delivered: string[] = [];
  const step = { owner, report, delivered, turn: opts.turn };
  await Promise.all(items.map((item) => deliverOne(deps, notifiers, step, item)));
  // A crash before this ack leaves the leases to run out: the items come back `maybeSent`.
  if (delivered.length > 0) await deps.store.ackOutboxMany({ eventIds: delivered, owner });
  report.delivered = delivered.length;
  return report;
}

async function deliverOne(
  deps: CoreDeps,
  notifiers: readonly Notifier[],
  step: { owner: string; report: DispatchReport; delivered: string[]; turn?: DispatchOptions['turn'] },
  item: OutboxItem,
) {
  const { owner, report, delivered } = step;
  const { event } = item;
  let result: DeliveryResult;
  const recipient = await deps.store.getAccount(event.recipientId);
  // A person on both platforms hears on the one they used last (platform-used.ts).
  const platform = recipient ? await noticePlatform(deps, recipient) : undefined;
  const notifier = notifiers.find((n) => n.platform === platform);
  // Paced on a first attempt; a retry is already spaced by its backoff (and any Retry-After).
  const paced = recipient && notifier && step.turn && item.attempts === 0;
  const waitMs = paced && step.turn ? await step.turn(event.recipientId) : 0;
  if (!recipient) result = { kind: 'failed', error: 'recipient account not found' };
  else if (!notifier) result = { kind: 'failed', error: `no notifier for platform ${platform ?? 'none'}` };
  else if (waitMs > 0)
    result = { kind: 'retry', error: 'paced: recipient over the per-channel rate', afterMs: waitMs };
  else {
    try {
      result = await notifier.deliver(event, recipient, { maybeSent: item.maybeSent });
    } catch (e) {
      // Thrown after the send, perhaps (a store write after the post): check before sending again.
      result = { kind: 'retry', error: e instanceof Error ? e.message : String(e), maybeSent: true };
    }
  }
  if (result.kind === 'delivered') {
    delivered.push(event.id);
    return;
  }
  const attempts = item.attempts + 1;
  const dead = result.kind === 'failed' || attempts >= DELIVERY.maxAttempts;
  const afterMs = result.kind === 'retry' ? result.afterMs : undefined;
  // A platform's Retry-After slows the whole loop down; our own pacing of one recipient does not.
  if (afterMs !== undefined && waitMs === 0) report.retryAfterMs = Math.max(report.retryAfterMs, afterMs);
  const retryAt = deps.clock.now() + backoffMs(attempts, () => deps.random.float(), afterMs);
  const maybeSent = result.kind === 'retry' && result.maybeSent === true;
  await deps.store.failOutbox({ eventId: event.id, owner, retryAt, error: result.error, dead, maybeSent });
  if (dead) {
    report.dead++;
    report.deadEvents.push({
      eventId: event.id,
      type: event.type,
      recipientId: event.recipientId,
      attempts,
      error: result.error,
    });
  } else report.retried++;
}
