/**
 * Waits until `done` holds (checked every `everyMs`, sync or async); throws `not within <ms> ms` when it
 * still does not after `ms`. For effects that happen after an answer (a delivery, a poll).
 */
export async function until(done: () => boolean | Promise<boolean>, ms = 8_000, everyMs = 20): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
