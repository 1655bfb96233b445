/**
 * Work that reads the latest state, run once at a time per key: while it runs, further calls only ask
 * for one more run after it and share its promise, so a burst of calls costs two runs, not one each.
 * E.g. a Slack App Home refreshed after a burst of clicks.
 */
export function coalescedRuns() {
  const running = new Map<string, { again: boolean; done: Promise<void> }>();
  return (key: string, work: () => Promise<void>): Promise<void> => {
    const current = running.get(key);
    if (current) {
      current.again = true;
      return current.done;
    }
    const state = { again: false, done: Promise.resolve() };
    running.set(key, state);
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await work();
        } while (state.again);
      } finally {
        running.delete(key);
      }
    })();
    return state.done;
  };
}
export type CoalescedRuns = ReturnType<typeof coalescedRuns>;
