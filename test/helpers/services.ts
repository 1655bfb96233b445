import { it } from 'vitest';

/**
 * Stands in for tests that need a service (Redis, redis-server) which is missing. With CI=true it
 * is a failing test: CI must have the service. Locally it is one test that skips itself with the
 * reason as its note, so the report says why, and the reason is printed too.
 */
export function serviceMissing(name: string, reason: string): void {
  if (process.env.CI === 'true') {
    it(`${name}: required when CI=true`, () => {
      throw new Error(reason);
    });
    return;
  }
  console.warn(`skipping ${name}: ${reason}`);
  it(`${name} (skipped: ${reason})`, (ctx) => {
    ctx.skip(reason);
  });
}
