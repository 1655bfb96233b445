/**
 * One dispatcher process for the multi-process test: the real delivery loop on a shared store,
 * delivering to the fake platform. argv: STORE_URL, platform URL, worker name. Prints `ready` once
 * its store is open, starts the loop at the first line on stdin (so that all processes start together
 * and none drains the outbox before the others are up), runs until stdin closes, then stops the loop
 * gracefully and exits.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { StoreConfig } from '../../../src/config.js';
import { startDeliveryLoop } from '../../../src/runtime/delivery-loop.js';
import { systemClock, systemRandom } from '../../../src/runtime/system.js';
import { createStore } from '../../../src/store/index.js';
import { httpNotifier } from './platform.js';

const [storeUrl = '', platformUrl = '', worker = 'child'] = process.argv.slice(2);
const config: StoreConfig = storeUrl.startsWith('sqlite:')
  ? { kind: 'sqlite', path: storeUrl.slice('sqlite:'.length) }
  : { kind: 'redis', url: storeUrl };
const store = await createStore(config, systemClock);
const input = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await once(input, 'line');
const loop = startDeliveryLoop({
  deps: { store, clock: systemClock, random: systemRandom, publicUrl: 'https://invite.example.com' },
  notifiers: [httpNotifier({ url: platformUrl, worker, now: systemClock.now, timeoutMs: 2000 })],
  owner: worker,
  idleMs: 5,
  onError: (e) => process.stderr.write(`${worker}: ${e instanceof Error ? e.message : String(e)}\n`),
});
input.on('close', () => {
  void loop
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
