import { describe, expect, it } from 'vitest';
import { parseSlackBody } from '../../../src/bots/slack/parse.js';
import { fixtureJson } from '../../helpers/fixtures.js';

/** Enterprise Grid and Slack Connect payloads (copies of Slack's examples, see test/fixtures/README.md). */
describe('parseSlackBody: Grid and Slack Connect', () => {
  it("a click by a guest of a shared channel: the clicker belongs to their own workspace, not to the receiving one's", () => {
    expect(parseSlackBody(fixtureJson('slack', 'block_actions.shared-channel-guest.json'))).toMatchObject({
      kind: 'action',
      teamId: 'T9TK3CUKW',
      guest: true,
      user: { teamId: 'T0GUESTWS', userId: 'UA8RXUSPL' },
    });
    expect(parseSlackBody(fixtureJson('slack', 'block_actions.message.json'))).toMatchObject({
      guest: false,
      user: { teamId: 'T9TK3CUKW' },
    });
  });

  it("a guest's identity never takes the receiving organisation; a Grid member's user.team_id may be the organisation", () => {
    const payload = fixtureJson('slack', 'block_actions.shared-channel-guest.json') as Record<
      string,
      unknown
    >;
    const inGrid = { ...payload, enterprise: { id: 'E0HOST', name: 'Host' } };
    const guest = parseSlackBody(inGrid);
    expect(guest).toMatchObject({ kind: 'action', enterpriseId: 'E0HOST', guest: true });
    expect(guest.kind === 'action' ? guest.user : null).toEqual({
      teamId: 'T0GUESTWS',
      userId: 'UA8RXUSPL',
      name: 'jtorrance',
    });
    const member = parseSlackBody({ ...inGrid, user: { id: 'W1', team_id: 'E0HOST' } });
    expect(member).toMatchObject({ guest: false, user: { teamId: 'T9TK3CUKW', enterpriseId: 'E0HOST' } });
  });

  it('a modal submission reads its submitter the same way', () => {
    const submission = (teamId: string) => ({
      type: 'view_submission',
      team: { id: 'T9TK3CUKW' },
      enterprise: { id: 'E0HOST' },
      user: { id: 'UA8RXUSPL', team_id: teamId },
      view: { callback_id: 'cb', state: { values: {} } },
    });
    expect(parseSlackBody(submission('E0HOST'))).toMatchObject({
      guest: false,
      user: { teamId: 'T9TK3CUKW', enterpriseId: 'E0HOST' },
    });
    expect(parseSlackBody(submission('T0GUESTWS'))).toMatchObject({
      guest: true,
      user: { teamId: 'T0GUESTWS' },
    });
  });

  it('an uninstall of the org-wide installation says so (authorizations[].is_enterprise_install)', () => {
    const event = fixtureJson('slack', 'event_callback.enterprise-install.app_uninstalled.json');
    expect(parseSlackBody(event)).toEqual({
      kind: 'app_uninstalled',
      eventId: 'EvXXXXXXXX',
      teamId: 'TXXXXXXXX',
      enterpriseId: 'E324567',
      enterpriseWide: true,
    });
    const plain = parseSlackBody(fixtureJson('slack', 'app_uninstalled.event_callback.json'));
    expect(plain).toMatchObject({ kind: 'app_uninstalled', enterpriseWide: false });
  });

  it('an organisation-level event without team_id is read from its authorizations', () => {
    const event = fixtureJson('slack', 'event_callback.enterprise-install.app_uninstalled.json') as Record<
      string,
      unknown
    >;
    expect(parseSlackBody({ ...event, team_id: null })).toMatchObject({
      kind: 'app_uninstalled',
      teamId: 'T423567',
    });
  });
});
