import { expect } from 'vitest';
import type { Reply, World } from './world.js';

/**
 * One hostile input: what it sends and, beyond the rules every case obeys (no 5xx, no crash, the
 * protected people's state unchanged), what else must hold.
 */
export interface Case {
  name: string;
  run(w: World): Promise<Reply>;
  check?(r: Reply, w: World): void | Promise<void>;
}

export const rejected = (r: Reply) => expect([400, 401, 403, 404, 413, 415]).toContain(r.status);
export const unauthorized = (r: Reply) => expect(r.status).toBe(401);
export const answered = (r: Reply) => expect(r.status).toBeLessThan(500);
/** No stack trace, file path or driver name leaks into any answer. */
export const noLeak = (r: Reply) =>
  expect(r.body).not.toMatch(/\n\s+at |\.ts:\d+|SqliteError|node_modules|TypeError/);
