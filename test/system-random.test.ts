import { expect, it } from 'vitest';
import { systemRandom } from '../src/runtime/system.js';

it('ids are unique and well formed across many refills of the random pool', () => {
  const ids = Array.from({ length: 20_000 }, () => systemRandom.id('evt'));
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids.slice(0, 500)) expect(id).toMatch(/^evt_[0-9a-z]{8,}[0-9a-z]{16}$/);
  // Every character of the alphabet shows up in the random part: the bytes are not stuck.
  const chars = new Set(ids.flatMap((id) => [...id.slice(-16)]));
  expect(chars.size).toBe(36);
});
