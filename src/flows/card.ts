import type { Text } from '../i18n/text.js';
import type { ChatworkDecideClick } from './chatwork-requests.js';
import type { ClickIntent } from './clicks.js';

/**
 * A card as the conversation layer writes it, once for every platform: a title, blocks of text and
 * facts, rows with their own buttons, and buttons that carry a semantic action (never a platform's
 * action id or verb). Each platform has one generic renderer that turns a `CardDoc` into Block Kit
 * (`src/bots/slack/render/document.ts`) or an Adaptive Card (`src/bots/teams/render-document.ts`),
 * escaping every string for its surface, and one codec that writes an action into a button and reads
 * it back. What a card says and which buttons it has is decided here, so the platforms cannot drift.
 */
export interface CardDoc {
  /** The heading, bold. */
  title?: Text;
  /** One line for notifications, screen readers and fallbacks (Slack's `text`, Teams' summary). */
  summary: Text;
  blocks: CardBlock[];
  /** Buttons under the whole card. */
  buttons?: CardButton[];
  /** The card asks again how it looks to each viewer (Teams' Action.Execute refresh; Slack ignores it). */
  refresh?: ButtonAction;
}

export type Tone = 'good' | 'attention' | 'accent' | 'subtle';

export type CardBlock =
  /** A paragraph. */
  | { kind: 'text'; text: Text; tone?: Tone }
  /** `label: value`, the value shown as code (a Chatwork ID). */
  | { kind: 'fact'; label: Text; value: string }
  /** A URL shown as itself (the invite link). */
  | { kind: 'link'; url: string }
  /** Small print under the text (where a request came from). */
  | { kind: 'context'; text: Text }
  /** A note someone typed, quoted and labelled. */
  | { kind: 'note'; note: string }
  | { kind: 'image'; url: string; alt: Text }
  /** One person or one request in a list, with its own buttons. */
  | { kind: 'item'; blocks: CardBlock[]; buttons: CardButton[] }
  /** A list's own heading inside a card (Incoming requests, Contacts): Slack's header, bold in Teams. */
  | { kind: 'heading'; text: Text }
  /** A row of buttons between blocks ([Show more] under a list, "Accept all (N)"). */
  | { kind: 'buttons'; buttons: CardButton[] }
  /** A line between parts of a long view (App Home); Teams separates the next block instead. */
  | { kind: 'divider' };

export type CardButton =
  | {
      kind: 'action';
      label: Text;
      action: ButtonAction;
      style?: 'primary' | 'danger';
      /** A rarely used, risky action (Block, Remove): Slack puts it in the row's overflow menu. */
      secondary?: boolean;
    }
  | { kind: 'url'; label: Text; url: string; style?: 'primary'; secondary?: boolean };

/**
 * What a button asks for. A click's intent (`ClickIntent`) or a navigation that only shows
 * something (the next page, a confirmation, an input). The platform codec writes it into the button
 * and reads it back with zod; who may act is always decided from the clicker's identity.
 */
export type ButtonAction =
  | Exclude<ClickIntent, { kind: 'invalid' }>
  /** Opens an input for a note, then sends [Add to contacts] with it. */
  | { kind: 'add_note'; ownerId: string; context?: string | null }
  | { kind: 'page'; list: 'incoming' | 'outgoing' | 'contacts' | 'blocked'; cursor: string | null }
  | { kind: 'accept_all_ask' }
  | { kind: 'delete_data_ask' }
  | { kind: 'export_data_ask' }
  | { kind: 'change_handle' }
  | { kind: 'chatwork'; decide: ChatworkDecideClick };
