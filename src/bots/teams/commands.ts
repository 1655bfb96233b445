import { type Command, isEmailToken, isPlausibleTarget, parseCommand } from '../../core/index.js';
import type { Mention } from './activity.js';

/**
 * Teams' side of the shared command grammar (src/core/commands.ts): how a token names someone. The
 * text has the bot's own mention stripped already; mentions of other people stay as `<at>Name</at>`.
 */

/** Who a command is about. */
export type Who =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; mention: Mention }
  | { kind: 'email'; email: string };

function whoOf(token: string, mentions: readonly Mention[]): Who | null {
  if (/^<at>/i.test(token)) {
    const mention = mentions.find((m) => m.text === token);
    return mention ? { kind: 'mention', mention } : null;
  }
  if (isEmailToken(token)) return { kind: 'email', email: token };
  return isPlausibleTarget(token) ? { kind: 'text', text: token } : null;
}

/** A personal-chat message (or a channel message addressed to the bot) → a command. */
export const parseTeamsCommand = (text: string, mentions: readonly Mention[] = []): Command<Who> =>
  parseCommand(text, (token) => whoOf(token, mentions));
