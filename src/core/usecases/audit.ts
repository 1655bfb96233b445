import { AUDIT_EXPORT_MAX_RANGE_MS, type AuditEntry } from '../audit.js';
import { organisationKeySchema } from '../organisations.js';
import { err, ok, type Result } from '../result.js';
import type { Page } from '../types.js';
import { type CoreDeps, guardStore } from './deps.js';

export type AuditRangeProblem = { code: 'AUDIT_RANGE_INVALID' };

/**
 * One page of an organisation's audit records with `from <= at < to`, oldest first (an export reads
 * page after page with `cursor`). The range must be forward and at most a year. Records hold ids
 * only; a person who deleted their data shows as null.
 */
export function auditPage(
  deps: CoreDeps,
  q: { organisation: string; from: number; to: number; limit?: number; cursor?: string | null },
) {
  return guardStore(async (): Promise<Result<Page<AuditEntry>, AuditRangeProblem>> => {
    const valid =
      organisationKeySchema.safeParse(q.organisation).success &&
      Number.isSafeInteger(q.from) &&
      Number.isSafeInteger(q.to) &&
      q.from < q.to &&
      q.to - q.from <= AUDIT_EXPORT_MAX_RANGE_MS;
    if (!valid) return err({ code: 'AUDIT_RANGE_INVALID' });
    return ok(
      await deps.store.listAudit({
        organisation: q.organisation,
        from: q.from,
        to: q.to,
        limit: Math.min(Math.max(q.limit ?? 500, 1), 1000),
        cursor: q.cursor ?? null,
      }),
    );
  });
}

/** Every record of the range, page by page (for an export written as it is read). */
export async function* auditEntries(
  deps: CoreDeps,
  q: { organisation: string; from: number; to: number },
): AsyncGenerator<Result<AuditEntry[], AuditRangeProblem | { code: 'STORE_UNAVAILABLE' }>> {
  let cursor: string | null = null;
  do {
    const page = await auditPage(deps, { ...q, cursor, limit: 1000 });
    if (!page.ok) {
      yield page;
      return;
    }
    yield ok(page.value.items);
    cursor = page.value.nextCursor;
  } while (cursor !== null);
}

/** Time-driven: deletes records older than each organisation's retention. */
export function purgeAudit(deps: CoreDeps) {
  return guardStore(
    async (): Promise<Result<{ purged: number }, never>> =>
      ok({ purged: await deps.store.purgeAudit({ now: deps.clock.now() }) }),
  );
}

const HOUR = 3_600_000;

/**
 * The purge at most once an hour across every process sharing the store (a `claimOnce` per hour):
 * retention is counted in days, so the sweep calls this each time and it costs one small write.
 */
export async function purgeAuditHourly(deps: CoreDeps): Promise<number | null> {
  const now = deps.clock.now();
  const hour = Math.floor(now / HOUR);
  if (!(await deps.store.claimOnce('idempotency', `audit_purge:${hour}`, (hour + 2) * HOUR, now)))
    return null;
  return deps.store.purgeAudit({ now });
}
