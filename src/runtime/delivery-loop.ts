import {
  type CoreDeps,
  type DispatchReport,
  dispatchOnce,
  type Notifier,
  sweepRequests,
} from '../core/index.js';

export interface DeliveryLoopOptions {
  deps: CoreDeps;
  notifiers: readonly Notifier[];
  owner: string;
  /** Idle poll interval when the outbox is empty. */
  idleMs?: number;
  /** How often reminders and expiry run. */
  sweepEveryMs?: number;
  onReport?: (report: DispatchReport) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs the outbox dispatcher and the request sweeper until stopped. `stop()` waits for the step in
 * flight, so nothing claimed is abandoned mid-delivery (its lease would expire and it would be
 * redelivered anyway).
 */
export function startDeliveryLoop(opts: DeliveryLoopOptions) {
  const idleMs = opts.idleMs ?? 500;
  const sweepEveryMs = opts.sweepEveryMs ?? 60_000;
  let running = true;
  let lastSweep = 0;
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const done = (async () => {
    while (running) {
      let busy = false;
      try {
        const now = opts.deps.clock.now();
        if (now - lastSweep >= sweepEveryMs) {
          lastSweep = now;
          await sweepRequests(opts.deps);
        }
        const report = await dispatchOnce(opts.deps, opts.notifiers, opts.owner);
        busy = report.claimed > 0;
        if (busy) opts.onReport?.(report);
      } catch (e) {
        opts.onError?.(e);
      }
      if (running && !busy) await sleep(idleMs);
    }
  })();

  return {
    /** Look at the outbox now instead of at the next poll (after an action appended events). */
    nudge: () => wake?.(),
    stop: async () => {
      running = false;
      wake?.();
      await done;
    },
  };
}
