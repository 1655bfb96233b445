import type { ErrorCode, Locale, RequestState } from '../core/index.js';
import { admin } from './messages/admin.js';
import { cards } from './messages/cards.js';
import { chatwork } from './messages/chatwork.js';
import { common } from './messages/common.js';
import { lists } from './messages/lists.js';
import { merge } from './messages/merge.js';
import { pages } from './messages/pages.js';
import { people } from './messages/people.js';
import { privacy } from './messages/privacy.js';
import { slack } from './messages/slack.js';
import { teams } from './messages/teams.js';
import { web } from './messages/web.js';

/**
 * The message catalog: one table per surface under `messages/`, each with en, ja and vi. Add a
 * surface by importing its table into SOURCES. `test/i18n.test.ts` fails when a key or a
 * placeholder is missing in any language.
 */
type Table = {
  readonly en: Record<string, string>;
  readonly ja: Record<string, string>;
  readonly vi: Record<string, string>;
};

export const SOURCES = {
  common,
  web,
  pages,
  people,
  merge,
  privacy,
  teams,
  slack,
  chatwork,
  cards,
  admin,
  lists,
} as const satisfies Record<string, Table>;

type KeysOf<T> = T extends { en: infer E } ? keyof E & string : never;
export type MessageKey = { [K in keyof typeof SOURCES]: KeysOf<(typeof SOURCES)[K]> }[keyof typeof SOURCES];

const merged: Record<Locale, Record<string, string>> = { en: {}, ja: {}, vi: {} };
for (const table of Object.values(SOURCES) as Table[]) {
  for (const locale of ['en', 'ja', 'vi'] as const) Object.assign(merged[locale], table[locale]);
}

export type Params = Record<string, string | number>;

/**
 * A template split once at its `{placeholders}`: literal, name, literal, …, literal (odd indexes are
 * names). Filling it is then a walk over the parts, with no regex per call.
 */
const compiled = new Map<string, string[]>();
const partsOf = (template: string): string[] => {
  const known = compiled.get(template);
  if (known) return known;
  const parts = template.split(/\{(\w+)\}/);
  compiled.set(template, parts);
  return parts;
};

/** Looks up a message and fills `{placeholders}`. Params are inserted verbatim: escape for the target format. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = merged[locale][key] ?? merged.en[key] ?? key;
  if (!template.includes('{')) return template;
  const parts = partsOf(template);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    out += `${name in params ? params[name] : `{${name}}`}${parts[i + 1]}`;
  }
  return out;
}

/** All keys of one locale: for the completeness test. */
export function catalogKeys(locale: Locale): string[] {
  return Object.keys(merged[locale]).sort();
}

export function rawMessage(locale: Locale, key: string): string | undefined {
  return merged[locale][key];
}

/** "3 h", "2 days": a wait time in the reader's language, rounded up. */
export function formatWait(locale: Locale, ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 120) return t(locale, 'wait.minutes', { n: minutes });
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return t(locale, 'wait.hours', { n: hours });
  return t(locale, 'wait.days', { n: Math.ceil(hours / 24) });
}

export const stateLabel = (locale: Locale, state: RequestState): string => t(locale, `state.${state}`);

/**
 * The one place a core outcome code becomes words. `details` carries what the code came with
 * (retryAfterMs, state, max, length, host) and `name`, the other person's name, already escaped
 * for the target format by the caller.
 */
/** A core outcome code with the details it came with: what `describeError` takes. */
export interface ErrorDetails {
  code: ErrorCode;
  retryAfterMs?: number;
  state?: RequestState;
  max?: number;
  length?: number;
  host?: string;
}

export function describeError(locale: Locale, error: ErrorDetails, name = ''): string {
  const params: Params = { name, max: error.max ?? '', length: error.length ?? '', host: error.host ?? '' };
  if (error.retryAfterMs !== undefined) params.wait = formatWait(locale, error.retryAfterMs);
  if (error.state !== undefined) params.state = stateLabel(locale, error.state);
  return t(locale, `error.${error.code}`, params);
}
