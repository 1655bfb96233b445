import { randomBytes } from 'node:crypto';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Composed, compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';

/**
 * The attack: `/metrics` answered anyone on the public port unless a token was set. Now the default
 * is private: metrics have their own listener (METRICS_HOST:METRICS_PORT, 127.0.0.1:9464), and the
 * public port serves `/metrics` only with METRICS_TOKEN, to the bearer token.
 */
let composed: Composed | null = null;
afterEach(async () => {
  await composed?.app.close();
  await composed?.metricsApp?.close();
  await composed?.shutdown();
  composed = null;
});

async function composedWith(env: Record<string, string>): Promise<Composed> {
  const loaded = loadConfig({
    STORE_URL: 'sqlite::memory:',
    SECRET_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  composed = await compose(loaded.config, { logger: false, delivery: false });
  return composed;
}

describe('/metrics is private by default', () => {
  it('the public port answers 404; the metrics listener (loopback by default) answers the scrape', async () => {
    const c = await composedWith({});
    const loaded = loadConfig({});
    expect(loaded.ok && loaded.config.metricsListen).toEqual({ host: '127.0.0.1', port: 9464 });

    await c.app.listen({ host: '127.0.0.1', port: 0 });
    const publicPort = (c.app.server.address() as AddressInfo).port;
    const open = await fetch(`http://127.0.0.1:${publicPort}/metrics`);
    expect(open.status).toBe(404);
    expect(await open.text()).not.toContain('chatwork_store_up');

    const metricsApp = c.metricsApp;
    if (!metricsApp) throw new Error('no metrics listener');
    await metricsApp.listen({ host: '127.0.0.1', port: 0 });
    const metricsPort = (metricsApp.server.address() as AddressInfo).port;
    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('chatwork_store_up 1');

    // A client that connects and never finishes its request does not hold the shutdown up.
    const slow = connect(metricsPort, '127.0.0.1', () => slow.write('GET /metrics HTTP/1.1\r\nHost: x\r\n'));
    slow.on('error', () => {});
    const closed = new Promise((r) => slow.once('close', r));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await metricsApp.close();
    await closed;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('METRICS_PORT=0 serves no metrics listener; METRICS_TOKEN opens the public /metrics to the token only', async () => {
    const c = await composedWith({ METRICS_PORT: '0', METRICS_TOKEN: 'scrape-secret-0123456789' });
    expect(c.metricsApp).toBeNull();
    expect((await c.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const right = await c.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-secret-0123456789' },
    });
    expect(right.statusCode).toBe(200);
    const bad = loadConfig({ METRICS_PORT: 'x' });
    expect(bad.ok ? '' : bad.problems.join()).toContain('METRICS_PORT must be a port number');
  });
});
