import type { Text } from '../../i18n/text.js';
import type { CardDoc } from '../card.js';
import { t } from './lists.js';
import { privacyButtons } from './privacy.js';

/**
 * The help card (`help`, a message the bot could not read) and the welcome card of a new personal
 * chat: what can be typed to the bot, one line per command. Slack's help is one sentence of its own
 * (`slack.help`: its slash command's syntax).
 */
const HELP_KEYS = [
  'teams.help.invite',
  'teams.help.link',
  'teams.help.request',
  'teams.help.id',
  'teams.help.requests',
  'teams.help.contacts',
  'teams.help.find',
  'teams.help.withdraw',
  'teams.help.web',
  'teams.help.merge',
  'teams.help.privacy',
  'teams.help.chatwork',
  'teams.help.admin',
] as const;

const lines = () => HELP_KEYS.map((key) => ({ kind: 'text' as const, text: t(key) }));

/** `help`: led by what went wrong, if anything; [Export my data] and [Delete my data] under it. */
export const helpDoc = (...lead: Text[]): CardDoc => ({
  title: t('teams.help.title'),
  summary: t('teams.help.title'),
  blocks: [...lead.map((text) => ({ kind: 'text' as const, text, tone: 'attention' as const })), ...lines()],
  buttons: privacyButtons(),
});

export const welcomeDoc = (name: string): CardDoc => ({
  title: t('teams.welcome', { name }),
  summary: t('teams.welcome', { name }),
  blocks: lines(),
});
