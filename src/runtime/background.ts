import type { Log } from './log.js';

/**
 * Work a bot (`who`) starts after its answer has left (an ack): a failure is logged, never thrown, and
 * `drain` resolves once all of it has finished, work started meanwhile included (tests, shutdown).
 */
export function backgroundWork(log: Log, who: string) {
  const inflight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const tracked = p
      .catch((e: unknown) => log.error({ err: e }, `${who} background work failed`))
      .finally(() => inflight.delete(tracked));
    inflight.add(tracked);
    return tracked;
  };
  const drain = async (): Promise<void> => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };
  return { track, drain };
}
