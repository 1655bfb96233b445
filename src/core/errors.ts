/**
 * Every expected outcome code. Adapters map each code to a localized message in one place
 * (see src/i18n). Nothing listed here is ever thrown.
 */
export const ERROR_CODES = [
  'HANDLE_INVALID',
  'HANDLE_RESERVED',
  'HANDLE_TAKEN',
  'HANDLE_UNCHANGED',
  'HANDLE_CHANGE_LIMIT',
  'NO_HANDLE_AVAILABLE',
  'NOT_FOUND',
  'LINK_FOREIGN_HOST',
  'OWN_LINK',
  'ALREADY_CONTACTS',
  'NOTE_TOO_LONG',
  'RATE_LIMITED',
  'WITHDRAW_COOLDOWN',
  'NOT_YOURS',
  'ALREADY_DECIDED',
  'NOT_CONTACTS',
  'NO_PENDING_REQUEST',
  'NOT_BLOCKED',
  'MERGE_CODE_INVALID',
  'MERGE_SAME_ACCOUNT',
  'MERGE_SAME_PLATFORM',
  'NOT_MERGED',
  /** An organisation's admin policy does not allow a request (or an accept) between these two people. */
  'ORG_POLICY_REFUSED',
  /** An admin's policy change does not parse (`field` says which part). */
  'ORG_POLICY_INVALID',
  /** An audit export's date range is backwards or longer than a year. */
  'AUDIT_RANGE_INVALID',
  'STORE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Thrown by store drivers when the backing store cannot be reached (I/O failure, timeout).
 * Use cases turn it into a `STORE_UNAVAILABLE` result; every other exception is a bug.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export const isStoreUnavailable = (e: unknown): e is StoreUnavailableError =>
  e instanceof StoreUnavailableError || (e instanceof Error && e.name === 'StoreUnavailableError');
