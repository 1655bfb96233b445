import { type ConnectionRequest, type Page, stateSeenBy } from '../core/index.js';

/**
 * Keyset pagination shared by every store: opaque cursors over `(at, id)`, and pages cut from
 * `limit + 1` fetched rows (the extra row only says whether there is a next page).
 */
export function encodeCursor(at: number, id: string): string {
  return Buffer.from(`${at}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): { at: number; id: string } | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  const at = Number(text.slice(0, sep));
  if (sep < 1 || !Number.isSafeInteger(at)) return null;
  return { at, id: text.slice(sep + 1) };
}

export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  item: (row: R) => T,
  key: (row: R) => [number, string],
): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(item),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(...key(last)) : null,
  };
}

/** A page of requests as the listing account sees them: its declined outgoing requests still look pending. */
export function requestPage(
  rows: readonly ConnectionRequest[],
  limit: number,
  viewerId: string,
  now: number,
): Page<ConnectionRequest> {
  return pageOf(
    rows,
    limit,
    (r) => ({ ...r, state: stateSeenBy(r, viewerId, now) }),
    (r) => [r.createdAt, r.id],
  );
}
