import { type Command, isEmailToken, isPlausibleTarget, parseCommand } from '../../core/index.js';

/**
 * Slack's side of the shared command grammar (src/core/commands.ts): how a token names someone.
 * The manifest sets `should_escape: true`, so mentions arrive as
 * `<@U123|name>`, links as `<https://…|label>` and emails as `<mailto:a@b.c|a@b.c>`; the raw forms are
 * accepted too.
 */

/** Who a request, withdraw, remove or block is about. */
export type Who =
  | { kind: 'mention'; userId: string; label: string | null }
  | { kind: 'email'; email: string }
  /** A handle or an invite link, resolved by the core. */
  | { kind: 'text'; text: string };

const MENTION = /^<@([UW][A-Z0-9]{1,40})(?:\|([^>]*))?>$/;
const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i;
const LINK = /^<((?:https?):\/\/[^|>]+)(?:\|[^>]*)?>$/i;

/** One token of the grammar → who it names, or null when it cannot name anyone. */
export function parseWho(token: string): Who | null {
  const mention = MENTION.exec(token);
  if (mention) return { kind: 'mention', userId: mention[1] ?? '', label: mention[2] || null };
  const mailto = MAILTO.exec(token);
  if (mailto) return { kind: 'email', email: (mailto[1] ?? '').trim().toLowerCase() };
  const link = LINK.exec(token);
  if (link) return { kind: 'text', text: link[1] ?? '' };
  if (isEmailToken(token)) return { kind: 'email', email: token.toLowerCase() };
  return isPlausibleTarget(token) ? { kind: 'text', text: token } : null;
}

/** `/chatwork-invite` text → a command (the shared grammar of src/core/commands.ts). */
export const parseSlackCommand = (text: string): Command<Who> => parseCommand(text, parseWho);
