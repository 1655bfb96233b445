/** The numbers behind the rules of docs/rules.md. One place; stores and use cases read them from here. */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const POLICY = {
  handle: {
    minLength: 4,
    maxLength: 32,
    /** Automatic handles stay shorter so a suffix still fits. */
    autoBaseMaxLength: 24,
    aliasTtlMs: 30 * DAY,
    maxChangesPerWindow: 3,
    changeWindowMs: DAY,
  },
  request: {
    noteMaxChars: 300,
    expiresAfterMs: 30 * DAY,
    reminderAfterMs: 7 * DAY,
    maxNewPerWindow: 50,
    newWindowMs: DAY,
    withdrawCooldownMs: 7 * DAY,
  },
  profile: {
    displayNameMaxChars: 80,
  },
} as const;

export type Policy = typeof POLICY;
export const MS = { HOUR, DAY } as const;
