import {
  type Account,
  type Actor,
  type CoreDeps,
  correctProfile,
  departIdentity,
  type Identity,
  noteEmailDomain,
} from '../core/index.js';

/**
 * What a platform tells us about a person without them acting: they left the workspace or tenant,
 * or their profile was read (a name or language changed). Written once for every platform; the
 * adapters only parse the event.
 */

/** The person left: their account is deactivated (page gone, hidden from search, notices stop). */
export const personLeft = (deps: CoreDeps, identity: Identity): Promise<Account | null> =>
  departIdentity(deps, identity);

/**
 * A profile read from the platform: corrects the stored name and language; never registers anyone.
 * `email`, when the platform gave one: its domain is the person's, for organisations' allow-lists.
 */
export async function profileRead(
  deps: CoreDeps,
  person: Actor,
  email?: string | null,
): ReturnType<typeof correctProfile> {
  if (email !== undefined) await noteEmailDomain(deps, person.identity, email);
  return correctProfile(deps, person);
}
