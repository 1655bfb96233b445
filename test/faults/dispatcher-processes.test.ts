import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { printFigure } from '../helpers/figures.js';
import { type FakePlatform, startFakePlatform } from './support/platform.js';
import { ROOT } from './support/process.js';
import { deliveredOrder, seedOutbox } from './support/seed.js';
import { faultStores, type OpenedFaultStore } from './support/stores.js';

/**
 * Several dispatcher processes share one store (a SQLite file, or Redis): leases keep them apart,
 * so each event is sent once, and the per-recipient order holds across processes.
 */
const CHILD = fileURLToPath(new URL('./support/dispatch-child.ts', import.meta.url));
const PROCESSES = 3;
const stores = await faultStores();

for (const kind of stores) {
  describe.skipIf(kind.skip !== null)(`${PROCESSES} dispatcher processes on ${kind.name}`, () => {
    let opened: OpenedFaultStore | null = null;
    let platform: FakePlatform | null = null;
    let children: ChildProcess[] = [];
    afterEach(async () => {
      for (const c of children) c.kill('SIGKILL');
      children = [];
      await platform?.close();
      await opened?.close();
    });

    it('send every event exactly once, in order per recipient', async () => {
      opened = await kind.open();
      // Real time: the children's sweeper must find nothing due (no reminders, no expiries).
      const seeded = await seedOutbox(opened.store, { recipients: 40, perRecipient: 15, now: Date.now() });
      // Each post takes 20 ms, as a real platform's does: no process can drain the outbox alone in the
      // moment before the others' first claims.
      platform = await startFakePlatform(() => ({ kind: 'ok', afterMs: 20 }));
      const url = platform.url;
      const storeUrl = opened.storeUrl;
      children = Array.from({ length: PROCESSES }, (_, i) =>
        spawn(process.execPath, ['--import', 'tsx', CHILD, storeUrl, url, `worker-${i}`], {
          cwd: ROOT,
          stdio: ['pipe', 'pipe', 'inherit'],
        }),
      );
      await Promise.all(
        children.map(async (c) => {
          const lines = createInterface({ input: c.stdout ?? process.stdin });
          const [line] = (await once(lines, 'line')) as [string];
          expect(line).toBe('ready');
        }),
      );
      // All start at once: the first one up would otherwise send everything before the others are ready.
      for (const c of children) c.stdin?.write('go\n');
      const end = Date.now() + 30_000;
      while (platform.delivered().length < seeded.total && Date.now() < end)
        await new Promise((r) => setTimeout(r, 50));
      // A little longer, so a late duplicate would show.
      await new Promise((r) => setTimeout(r, 500));
      const exits = children.map((c) => once(c, 'exit'));
      for (const c of children) c.stdin?.end();
      await Promise.all(exits);

      const delivered = platform.delivered();
      const ids = delivered.map((c) => c.eventId);
      printFigure(
        `dispatchers ${kind.name}: ${PROCESSES} processes, ${seeded.total} events, ${delivered.length} sent, ` +
          `${ids.length - new Set(ids).size} duplicates, by worker ${JSON.stringify(countBy(delivered.map((c) => c.worker)))}`,
      );
      expect(ids).toHaveLength(seeded.total);
      expect(new Set(ids).size).toBe(seeded.total);
      expect(deliveredOrder(delivered)).toEqual(seeded.expected);
      // The work was really shared.
      expect(new Set(delivered.map((c) => c.worker)).size).toBeGreaterThan(1);
      expect((await opened.store.outboxStats(Date.now())).depth).toBe(0);
    });
  });
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
