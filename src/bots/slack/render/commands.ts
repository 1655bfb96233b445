import type { Account, Locale } from '../../../core/index.js';
import { commandDoc } from '../../../flows/cards/commands.js';
import type { ContactReach } from '../../../flows/cards/lists.js';
import type { CommandView } from '../../../flows/commands.js';
import { t } from '../../../i18n/catalog.js';
import { renderMessage } from './document.js';
import { esc, type Message, said, textMessage } from './mrkdwn.js';

/** A slash command's answer: ephemeral (only the actor sees it) or in the channel. */
export type Reply = Message & { response_type: 'ephemeral' | 'in_channel' };

const say = (text: string): Reply => ({ response_type: 'ephemeral', ...textMessage(text) });

/** A contact of the viewer's own workspace gets a Slack deep link to a direct message. */
export const slackReach = (teamId: string): ContactReach => ({
  messageUrl(contact: Account) {
    const id = contact.identities.find((i) => i.platform === 'slack' && i.teamId === teamId);
    return id?.platform === 'slack'
      ? `https://slack.com/app_redirect?team=${encodeURIComponent(teamId)}&channel=${encodeURIComponent(id.userId)}`
      : null;
  },
});

/** The command flow's view in Block Kit: Slack's own sentences, else the flow's card (`commandDoc`). */
export function renderCommand(locale: Locale, view: CommandView, teamId: string, now: number): Reply {
  const c = view.content;
  switch (c.kind) {
    case 'said':
      return say(c.help ? `${said(locale, c.said)}\n${t(locale, 'slack.hint')}` : said(locale, c.said));
    case 'searchable':
      return say(t(locale, c.on ? 'slack.searchable.on' : 'slack.searchable.off'));
    case 'help':
      return c.unknown !== undefined
        ? say(`${t(locale, 'slack.unknown', { word: esc(c.unknown) })}\n${t(locale, 'slack.hint')}`)
        : say(t(locale, 'slack.help'));
    case 'usage':
      return say(t(locale, `slack.usage.${c.usage}`));
    default: {
      const response_type = c.kind === 'invite_card' ? 'in_channel' : 'ephemeral';
      return { response_type, ...renderMessage(locale, commandDoc(c, slackReach(teamId), now)) };
    }
  }
}
