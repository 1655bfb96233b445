import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFigure } from '../helpers/figures.js';
import { forgedCases } from './cases/forged.js';
import { injectionCases } from './cases/injection.js';
import { slackBodyCases } from './cases/slack-bodies.js';
import { slackSignatureCases } from './cases/slack-signatures.js';
import { unicodeCases } from './cases/unicode.js';
import { webCases } from './cases/web.js';
import { openWorld, type World } from './support/world.js';

/**
 * The hand-written bad-input corpus, through the real server (`compose`, both bots, `inject()`).
 * Every case: an answer below 500, no leaked internals, the process still healthy, and the
 * protected people's state exactly as before.
 */
const CORPUS = {
  'slack signatures': slackSignatureCases,
  'slack bodies': slackBodyCases,
  injection: injectionCases,
  unicode: unicodeCases,
  'forged values and actors': forgedCases,
  web: webCases,
};
const total = Object.values(CORPUS).reduce((s, cases) => s + cases.length, 0);

let w: World;
let baseline: string;
const statuses = new Map<number, number>();
let changed = 0;
let failed = 0;
beforeAll(async () => {
  w = await openWorld();
  baseline = await w.snapshot();
}, 60_000);
afterAll(async () => {
  printFigure(
    `bad-input corpus: ${total} hand-written cases, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, ` +
      `${[...statuses].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0)} 5xx, ` +
      `${changed} unauthorised state changes, ${failed} failed cases`,
  );
  await w?.close();
});

it(`has at least 200 cases (${total})`, () => {
  expect(total).toBeGreaterThanOrEqual(200);
  const names = Object.values(CORPUS).flatMap((cases) => cases.map((c) => c.name));
  expect(new Set(names).size).toBe(names.length);
});

for (const [group, cases] of Object.entries(CORPUS)) {
  describe(group, () => {
    for (const c of cases) {
      it(c.name, async () => {
        failed++;
        const reply = await c.run(w);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const after = await w.snapshot();
        if (after !== baseline) {
          changed++;
          baseline = after; // one failure, not a cascade
          expect.fail(`${c.name} changed protected state`);
        }
        expect(reply.status).toBeGreaterThanOrEqual(200);
        expect(reply.status).toBeLessThan(500);
        await c.check?.(reply, w);
        expect((await w.web('GET', '/healthz')).status).toBe(200);
        failed--;
      });
    }
  });
}
