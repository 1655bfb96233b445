import type { Locale } from '../core/index.js';
import { describeError, type ErrorDetails, type MessageKey, type Params, t } from './catalog.js';

/**
 * A sentence as the conversation layer (`src/flows`) says it: a catalog key with raw parameters, or
 * a core outcome code. It carries no markup; each renderer turns it into words for its surface with
 * `renderText`, escaping every string parameter for its own format (Slack mrkdwn, Adaptive Card text).
 */
export type Text =
  | { key: MessageKey; params?: Readonly<Record<string, TextParam>> }
  /** A core outcome code; `name` is the other person's display name, when known. */
  | { problem: ErrorDetails; name?: string };

/** One value inside a sentence. */
export type TextParam =
  /** Plain text, often typed by a user: always escaped by the renderer. */
  | string
  | number
  /** A Chatwork ID or a command, shown as code where the surface has it (Slack: `x`). */
  | { code: string }
  /** A name to stand out where the surface has bold (Slack: *x*); plain text elsewhere. */
  | { strong: string }
  /** A word of the catalog inside the sentence (a request's state), in the sentence's language. */
  | { term: MessageKey };

/** How a surface writes a plain string and a piece of code. */
export interface TextFormat {
  escape(text: string): string;
  code(text: string): string;
  /** Bold, where the surface has it; the text as is otherwise. */
  strong?(text: string): string;
}

/** Plain text, for surfaces that never read markup (Adaptive Card TextRuns, logs, tests). */
export const plainText: TextFormat = { escape: (s) => s, code: (s) => s };

export const text = (key: MessageKey, params?: Readonly<Record<string, TextParam>>): Text =>
  params ? { key, params } : { key };

export const problem = (error: ErrorDetails, name?: string): Text =>
  name === undefined ? { problem: error } : { problem: error, name };

/** The words of a `Text` in `locale`, every parameter formatted and escaped by `format`. */
export function renderText(locale: Locale, said: Text, format: TextFormat = plainText): string {
  if ('problem' in said) return describeError(locale, said.problem, format.escape(said.name ?? ''));
  if (said.params === undefined) return t(locale, said.key);
  const params: Params = {};
  for (const name in said.params) {
    const value = said.params[name] as TextParam;
    params[name] =
      typeof value === 'number'
        ? value
        : typeof value === 'string'
          ? format.escape(value)
          : 'code' in value
            ? format.code(format.escape(value.code))
            : 'term' in value
              ? t(locale, value.term)
              : (format.strong ?? String)(format.escape(value.strong));
  }
  return t(locale, said.key, params);
}
