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
}

/**
 * One dispatcher step: lease a batch (at most one item per recipient, so order is kept per
 * recipient), deliver each through the notifier of the recipient's platform, then ack, retry with
 * backoff, or dead-letter after `maxAttempts`.
 */
export async function dispatchOnce(
  deps: CoreDeps,
  notifiers: readonly Notifier[],
  owner: string,
): Promise<DispatchReport> {
  const now = deps.clock.now();
  const items = await deps.store.claimOutbox({
    owner,
    now,
    leaseMs: DELIVERY.leaseMs,
    limit: DELIVERY.batch,
  });
  const report: DispatchReport = { claimed: items.length, delivered: 0, retried: 0, dead: 0, deadEvents: [] };
  await Promise.all(items.map((item) => deliverOne(deps, notifiers, owner, item, report)));
  return report;
}

async function deliverOne(
  deps: CoreDeps,
  notifiers: readonly Notifier[],
  owner: string,
  item: OutboxItem,
  report: DispatchReport,
) {
  const { event } = item;
  let result: DeliveryResult;
  const recipient = await deps.store.getAccount(event.recipientId);
  // A person on both platforms hears on the one they used last (platform-used.ts).
  const platform = recipient ? await noticePlatform(deps, recipient) : undefined;
  const notifier = notifiers.find((n) => n.platform === platform);
  if (!recipient) result = { kind: 'failed', error: 'recipient account not found' };
  else if (!notifier) result = { kind: 'failed', error: `no notifier for platform ${platform ?? 'none'}` };
  else {
    try {
      result = await notifier.deliver(event, recipient);
    } catch (e) {
      result = { kind: 'retry', error: e instanceof Error ? e.message : String(e) };
    }
  }
  if (result.kind === 'delivered') {
    await deps.store.ackOutbox({ eventId: event.id, owner });
    report.delivered++;
    return;
  }
  const attempts = item.attempts + 1;
  const dead = result.kind === 'failed' || attempts >= DELIVERY.maxAttempts;
  const retryAt =
    deps.clock.now() +
    backoffMs(attempts, () => deps.random.float(), result.kind === 'retry' ? result.afterMs : undefined);
  await deps.store.failOutbox({ eventId: event.id, owner, retryAt, error: result.error, dead });
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
