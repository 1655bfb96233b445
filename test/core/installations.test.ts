import { describe, expect, it } from 'vitest';
import {
  clickerOf,
  guestHome,
  installationKey,
  installationKeysFor,
  installationKeysRemoved,
  withinServed,
} from '../../src/core/installations.js';

describe('which Slack installation serves whom', () => {
  it('files an org-wide install by enterprise and a workspace install by workspace', () => {
    expect(installationKey({ teamId: null, enterpriseId: 'E1', isEnterpriseInstall: true })).toBe(
      'enterprise:E1',
    );
    expect(installationKey({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false })).toBe('team:T1');
    expect(installationKey({ teamId: null, enterpriseId: null, isEnterpriseInstall: true })).toBeNull();
  });

  it("serves a workspace by its own installation first, then its organisation's org-wide one", () => {
    expect(installationKeysFor({ teamId: 'T1', enterpriseId: 'E1' })).toEqual(['team:T1', 'enterprise:E1']);
    expect(installationKeysFor({ teamId: 'T1' })).toEqual(['team:T1']);
    // A Grid user.team_id may be the organisation's id: only the org-wide install can serve it.
    expect(installationKeysFor({ teamId: 'E1', enterpriseId: 'E1' })).toEqual(['enterprise:E1']);
  });

  it('an uninstall takes away the org-wide install only when it is the org-wide one', () => {
    expect(installationKeysRemoved({ teamId: 'T1', enterpriseId: 'E1' }, true)).toEqual(['enterprise:E1']);
    expect(installationKeysRemoved({ teamId: 'T1', enterpriseId: 'E1' }, false)).toEqual(['team:T1']);
  });

  it("a workspace named without its organisation while serving a request is in the request's one", () => {
    const served = { teamId: 'T2', enterpriseId: 'E1' };
    expect(withinServed({ teamId: 'T2' }, served)).toEqual(served);
    expect(withinServed({ teamId: 'T9' }, served)).toEqual({ teamId: 'T9' });
    expect(withinServed({ teamId: 'T2', enterpriseId: 'E7' }, served)).toEqual({
      teamId: 'T2',
      enterpriseId: 'E7',
    });
  });

  it('a clicker of the same workspace or Grid organisation is a member; of another, a guest of their own workspace', () => {
    const received = { teamId: 'T1', enterpriseId: 'E1' };
    expect(clickerOf(received, 'T1')).toEqual({ kind: 'member', home: received });
    expect(clickerOf(received, 'E1')).toEqual({ kind: 'member', home: received });
    expect(clickerOf(received, null)).toEqual({ kind: 'member', home: received });
    expect(clickerOf(received, 'T9')).toEqual({ kind: 'guest', home: { teamId: 'T9' } });
    expect(clickerOf(received, 'E9')).toEqual({ kind: 'guest', home: { teamId: 'E9', enterpriseId: 'E9' } });
  });

  it("a guest's organisation is the one their own installation names", () => {
    const install = { teamId: 'T9', enterpriseId: 'E9', isEnterpriseInstall: false };
    expect(guestHome({ teamId: 'T9' }, install)).toEqual({ teamId: 'T9', enterpriseId: 'E9' });
    expect(guestHome({ teamId: 'T9' }, { ...install, enterpriseId: null })).toEqual({ teamId: 'T9' });
  });
});
