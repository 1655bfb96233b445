import type { AddressInfo } from 'node:net';
import type { FastifyPluginAsync } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import { startDeliveryLoop } from '../../src/runtime/delivery-loop.js';
import { openTestCore } from '../helpers/core.js';
import { SECRET } from './support.js';

/**
 * Graceful shutdown as main.ts does it: `app.close()` stops accepting and lets requests in flight
 * finish; then the delivery loop stops after its step in flight, then the store closes.
 */
describe('graceful shutdown', () => {
  it('finishes a request in flight, refuses new connections, then stops the loop and closes the store', async () => {
    const t = openTestCore();
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    let release: () => void = () => {};
    let started: () => void = () => {};
    const inFlight = new Promise<void>((r) => {
      started = r;
    });
    const slow: FastifyPluginAsync = async (app) => {
      app.get('/slow-test-route/x', async () => {
        started();
        await new Promise<void>((r) => {
          release = r;
        });
        return { finished: true };
      });
    };
    const app = await buildServer({
      config: loaded.config,
      core: t.deps,
      secretKey: SECRET,
      plugins: [{ name: 'slow', plugin: slow }],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const loop = startDeliveryLoop({ deps: t.deps, notifiers: [], owner: 'test', idleMs: 10 });

    const pending = fetch(`${base}/slow-test-route/x`);
    await inFlight;
    const closing = app.close();
    await new Promise((r) => setTimeout(r, 50));
    // No new connections while closing.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ finished: true });
    await closing;

    await loop.stop();
    await t.store.close();
    await expect(t.store.ping()).rejects.toThrow();
  });
});
