import type { Identity, Locale } from '../../src/core/types.js';
import type { Actor } from '../../src/core/usecases/deps.js';

export function slackIdentity(userId: string, teamId = 'T0001'): Identity {
  return { platform: 'slack', teamId, userId };
}

/** A user of an Enterprise Grid organisation, seen in one of its workspaces. */
export function gridIdentity(userId: string, teamId: string, enterpriseId: string): Identity {
  return { platform: 'slack', enterpriseId, teamId, userId };
}

export function teamsIdentity(aadObjectId: string, tenantId = 'tenant-1'): Identity {
  return { platform: 'teams', tenantId, aadObjectId };
}

/** A person as an adapter sees them. */
export function slackActor(
  userId: string,
  displayName: string,
  opts: { teamId?: string; locale?: Locale } = {},
): Actor {
  return {
    identity: slackIdentity(userId, opts.teamId),
    displayName,
    ...(opts.locale ? { locale: opts.locale } : {}),
  };
}

export function teamsActor(aadObjectId: string, displayName: string, tenantId?: string): Actor {
  return { identity: teamsIdentity(aadObjectId, tenantId), displayName };
}
