/**
 * Which Slack installation serves whom, as rules over plain ids (Enterprise Grid and Slack Connect).
 * Slack ids say what they name: workspaces start with `T`, Grid organisations with `E`. In a Grid
 * payload, `user.team_id` may be the organisation's id, or a member's home workspace rather than the
 * channel's: a clicker read as a guest whose workspace has no installation of its own is then asked
 * about (`users.info`, by the Slack bot) before being told the app is not installed there.
 */

/** A Slack workspace as a request names it, with its Grid organisation when it has one. */
export interface SlackWorkspace {
  teamId: string;
  enterpriseId?: string | undefined;
}

/** What files an installation: org-wide installs by enterprise, the others by workspace. */
export interface InstallationScope {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
}

const isEnterpriseId = (id: string) => id.startsWith('E');

/** The key an installation is stored under; null when the answer names neither. */
export function installationKey(i: InstallationScope): string | null {
  if (i.isEnterpriseInstall) return i.enterpriseId ? `enterprise:${i.enterpriseId}` : null;
  return i.teamId ? `team:${i.teamId}` : null;
}

/** The installations that may serve a workspace, in order: its own, then its organisation's org-wide one. */
export function installationKeysFor(w: SlackWorkspace): string[] {
  const keys = isEnterpriseId(w.teamId) ? [] : [`team:${w.teamId}`];
  return w.enterpriseId ? [...keys, `enterprise:${w.enterpriseId}`] : keys;
}

/** What an uninstall (or a revoked bot token) takes away: the org-wide install, or the workspace's own. */
export function installationKeysRemoved(w: SlackWorkspace, enterpriseWide: boolean): string[] {
  return enterpriseWide && w.enterpriseId ? [`enterprise:${w.enterpriseId}`] : [`team:${w.teamId}`];
}

/**
 * A workspace named without its organisation, inside a request served for `served`: the same workspace
 * is in the same organisation (an org-wide install then serves it).
 */
export function withinServed<R extends { teamId: string; enterpriseId?: string | null | undefined }>(
  ref: R,
  served: SlackWorkspace,
): R | SlackWorkspace {
  return ref.enterpriseId || ref.teamId !== served.teamId || !served.enterpriseId ? ref : served;
}

/**
 * Who clicked, as the installation that received the click sees them: one of its own people (the same
 * workspace or the same Grid organisation), or a guest of a Slack Connect channel from another
 * organisation, who belongs to their own workspace (`home`).
 */
export type Clicker = { kind: 'member'; home: SlackWorkspace } | { kind: 'guest'; home: SlackWorkspace };

export function clickerOf(received: SlackWorkspace, userTeamId: string | null | undefined): Clicker {
  if (!userTeamId || userTeamId === received.teamId || userTeamId === received.enterpriseId)
    return { kind: 'member', home: received };
  const home = isEnterpriseId(userTeamId)
    ? { teamId: userTeamId, enterpriseId: userTeamId }
    : { teamId: userTeamId };
  return { kind: 'guest', home };
}

/** A guest's workspace as their own installation knows it: its organisation is the installation's. */
export function guestHome(home: SlackWorkspace, installation: InstallationScope): SlackWorkspace {
  const enterpriseId = installation.enterpriseId ?? home.enterpriseId;
  return enterpriseId ? { teamId: home.teamId, enterpriseId } : { teamId: home.teamId };
}
