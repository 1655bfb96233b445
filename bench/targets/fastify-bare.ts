import Fastify from 'fastify';
import { announceReady, portOf } from './ready.js';

/** Baseline A: a bare fastify POST route that returns a constant JSON — the framework's own ceiling. */
const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
  done(null, body),
);
app.post('/slack/events', async () => ({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
announceReady(portOf(address));
