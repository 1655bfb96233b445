import { describe, expect, it } from 'vitest';
import { MRKDWN } from '../../src/bots/slack/render/mrkdwn.js';
import type { Account } from '../../src/core/index.js';
import { who } from '../../src/flows/cards/lists.js';
import { renderText } from '../../src/i18n/text.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';

/**
 * A person named in a request before they used the app has no handle: lists show their name only.
 * One wording (`who` in src/flows/cards/lists.ts), in each platform's format.
 */
const person = (handle: string): Account => ({
  id: 'acc_1',
  handle,
  displayName: 'Bob <Baker>',
  locale: 'en',
  searchable: true,
  identities: [slackIdentity('UBOB')],
  createdAt: T0,
});

describe('a person in a list, with and without a handle', () => {
  it('Slack: name (bold) and Chatwork ID (code), escaped; the name alone while unclaimed', () => {
    expect(renderText('en', who(person('bob-baker')), MRKDWN)).toBe(
      '*Bob &lt;Baker&gt;* (Chatwork ID: `bob-baker`)',
    );
    expect(renderText('en', who(person('')), MRKDWN)).toBe('*Bob &lt;Baker&gt;*');
  });

  it('Teams: name and Chatwork ID as typed; the name alone while unclaimed', () => {
    expect(renderText('en', who(person('bob-baker')))).toBe('Bob <Baker> (Chatwork ID: bob-baker)');
    expect(renderText('en', who(person('')))).toBe('Bob <Baker>');
    expect(renderText('en', who(null))).toBe('?');
  });
});
