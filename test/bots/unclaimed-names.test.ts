import { describe, expect, it } from 'vitest';
import { who as slackWho } from '../../src/bots/slack/render/people.js';
import { who as teamsWho } from '../../src/bots/teams/cards-people.js';
import type { Account } from '../../src/core/index.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';

/** A person named in a request before they used the app has no handle: lists show their name only. */
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
  it('Slack: name and handle, escaped; the name alone while unclaimed', () => {
    expect(slackWho(person('bob-baker'))).toBe('*Bob &lt;Baker&gt;* (`bob-baker`)');
    expect(slackWho(person(''))).toBe('*Bob &lt;Baker&gt;*');
  });

  it('Teams: name and Chatwork ID; the name alone while unclaimed', () => {
    expect(teamsWho('en', person('bob-baker'))).toBe('Bob <Baker> (Chatwork ID: bob-baker)');
    expect(teamsWho('en', person(''))).toBe('Bob <Baker>');
    expect(teamsWho('en', null)).toBe('?');
  });
});
