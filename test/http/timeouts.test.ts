import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { printFigure } from '../helpers/figures.js';
import { type WebTest, webServer } from './support.js';

/**
 * Slow clients over a real socket (the attack: one byte every 10 s kept a connection open for over
 * 200 s and held shutdown up). The timeouts are configured short here so the test is quick; the
 * defaults are 30 s for a whole request and 10 s for its headers.
 */
let t: WebTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

interface Trickle {
  socket: Socket;
  /** Bytes the client managed to write before the server cut it off. */
  sent: () => number;
  /** What the server wrote back, as text. */
  received: () => string;
  closed: Promise<void>;
  stop: () => void;
}

/** Writes `head` at once, then `body` one byte every `everyMs`, until the server closes the socket. */
/** After the client has trickled for 300 ms: how long the server takes to close with it connected. */
async function shutdownWith(slow: Trickle): Promise<number> {
  await new Promise((r) => setTimeout(r, 300));
  const app = t?.app;
  if (!app) throw new Error('no server');
  const started = Date.now();
  await app.close();
  await slow.closed;
  return Date.now() - started;
}

function trickle(port: number, head: string, body: string, everyMs: number): Trickle {
  const socket = connect(port, '127.0.0.1');
  let sent = 0;
  let received = '';
  let timer: NodeJS.Timeout | undefined;
  socket.on('data', (d) => {
    received += d.toString();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const stop = () => clearInterval(timer);
  socket.once('connect', () => {
    socket.write(head);
    timer = setInterval(() => {
      if (sent >= body.length || socket.destroyed) return stop();
      socket.write(body[sent] ?? '');
      sent += 1;
    }, everyMs);
  });
  void closed.then(stop);
  return { socket, sent: () => sent, received: () => received, closed, stop };
}

async function listening(env: Record<string, string>): Promise<number> {
  t = await webServer({ env });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return (t.app.server.address() as AddressInfo).port;
}

const BODY = `csrf=${'x'.repeat(200)}`;
const postHead = (length: number) =>
  `POST /signout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;

describe('slow clients are cut off', () => {
  it('a body sent one byte at a time is cut off at the request timeout (408), long before it is complete', async () => {
    const port = await listening({ HTTP_REQUEST_TIMEOUT_MS: '800', HTTP_HEADERS_TIMEOUT_MS: '400' });
    const started = Date.now();
    const slow = trickle(port, postHead(BODY.length), BODY, 100);
    await slow.closed;
    const elapsed = Date.now() - started;
    printFigure(
      `slow body: cut off after ${elapsed} ms having sent ${slow.sent()} of ${BODY.length} bytes; answer ${JSON.stringify(slow.received().split('\r\n')[0] ?? '')}`,
    );
    // It would need 20 s to finish; the server closed it with the bytes still coming.
    expect(slow.sent()).toBeLessThan(BODY.length);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('headers sent one byte at a time are cut off at the headers timeout', async () => {
    const port = await listening({ HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '500' });
    const head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'p'.repeat(200)}\r\n\r\n`;
    const slow = trickle(port, '', head, 100);
    await slow.closed;
    printFigure(`slow headers: cut off having sent ${slow.sent()} of ${head.length} bytes`);
    expect(slow.sent()).toBeLessThan(head.length);
    expect(slow.received()).not.toMatch(/"status":"ok"/);
  });

  it('shutdown is not held up by a client still sending its body', async () => {
    // A request timeout far longer than the test: only the shutdown itself may end this connection.
    const port = await listening({ HTTP_REQUEST_TIMEOUT_MS: '120000', HTTP_HEADERS_TIMEOUT_MS: '60000' });
    const slow = trickle(port, postHead(BODY.length), BODY, 100);
    const elapsed = await shutdownWith(slow);
    printFigure(`shutdown with a slow client connected took ${elapsed} ms`);
    expect(slow.sent()).toBeLessThan(BODY.length);
    // Bounded well below the request timeout (120 s) and main.ts' 10 s limit.
    expect(elapsed).toBeLessThan(5000);
  });

  it('shutdown cuts off a keep-alive connection whose next request is half sent, after its first was answered', async () => {
    const port = await listening({ HTTP_REQUEST_TIMEOUT_MS: '120000', HTTP_HEADERS_TIMEOUT_MS: '60000' });
    const first = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`;
    const slow = trickle(port, first, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 100);
    for (let i = 0; i < 50 && !slow.received().includes('"status"'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(slow.received()).toMatch(/^HTTP\/1\.1 200/);
    const elapsed = await shutdownWith(slow);
    printFigure(`shutdown with a keep-alive client half-way through its second request took ${elapsed} ms`);
    expect(slow.sent()).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(5000);
  });
});
