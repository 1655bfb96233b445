/**
 * Seeding on a busy machine can meet the Redis store's 1 s command timeout (STORE_UNAVAILABLE) when 200
 * seeding calls run at once: each step is tried up to three times. Seeding only; the measured load is
 * never retried.
 */
export async function retried<T extends { ok: boolean }>(step: () => Promise<T>): Promise<T> {
  let last = await step();
  for (let i = 0; i < 2 && !last.ok; i++) last = await step();
  return last;
}
