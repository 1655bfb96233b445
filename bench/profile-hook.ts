import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Preloaded (`--import`) into a bench target by `bench/profile.ts`: SIGUSR2 starts the V8 CPU
 * profiler (after the warm-up, so start-up and module loading stay out), SIGTERM writes the profile
 * to BENCH_PROFILE_OUT and exits.
 */
const session = new Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  void (async () => {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    running = true;
  })();
});
process.on('SIGTERM', () => {
  void (async () => {
    if (running) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(process.env.BENCH_PROFILE_OUT ?? 'bench.cpuprofile', JSON.stringify(profile));
    }
    process.exit(0);
  })();
});
