import { z } from 'zod';
import {
  installationKey,
  installationKeysFor,
  installationKeysRemoved,
  type StorePort,
} from '../../core/index.js';
import { recordOf } from '../../runtime/json.js';
import { tokenSealer } from '../../runtime/sealing.js';
import type { SlackApi } from './api.js';

/**
 * OAuth installations in the store's `slack_installation` records, one per workspace (or per
 * enterprise for org-wide installs). Bot tokens are sealed at rest (AES-256-GCM under a key derived from
 * SECRET_KEY, `src/runtime/sealing.ts`); nothing else is secret.
 */
const installationSchema = z.object({
  teamId: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  teamName: z.string().nullable(),
  isEnterpriseInstall: z.boolean(),
  appId: z.string().nullable(),
  botUserId: z.string().nullable(),
  scopes: z.string(),
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
  botToken: z.string(),
  installedBy: z.string().nullable(),
  installedAt: z.number().int(),
});
/** As stored, `botToken` is sealed; as returned by `find`, it is the token. */
export type Installation = z.infer<typeof installationSchema>;

/** The bot tokens' sealer (`src/runtime/sealing.ts`, purpose `slack-token`). */
export const tokenCipher = (secretKey: Buffer) => tokenSealer(secretKey, 'slack-token');

export interface TeamRef {
  teamId: string;
  enterpriseId?: string | null | undefined;
  /** An uninstall or revoked token of the org-wide installation (`authorizations[].is_enterprise_install`). */
  enterpriseWide?: boolean;
}

const workspace = (ref: TeamRef) => ({ teamId: ref.teamId, enterpriseId: ref.enterpriseId ?? undefined });

export function installationStore(store: StorePort, secretKey: Buffer, now: () => number) {
  const cipher = tokenCipher(secretKey);
  return {
    async save(inst: Installation): Promise<void> {
      const key = installationKey(inst);
      if (!key) throw new Error('an installation names neither a workspace nor an enterprise');
      const stored: Installation = { ...inst, botToken: cipher.seal(inst.botToken) };
      await store.putRecord('slack_installation', key, JSON.stringify(stored), null);
    },
    /** The installation serving a workspace: its own, else its enterprise's org-wide one. */
    async find(ref: TeamRef): Promise<Installation | null> {
      for (const key of installationKeysFor(workspace(ref))) {
        const found = recordOf(installationSchema, await store.getRecord('slack_installation', key, now()));
        const botToken = found && cipher.open(found.botToken);
        if (found && botToken) return { ...found, botToken };
      }
      return null;
    },
    /** `app_uninstalled` / `tokens_revoked`: forget the installation (org-wide or the workspace's) and its token. */
    async remove(ref: TeamRef): Promise<void> {
      for (const key of installationKeysRemoved(workspace(ref), ref.enterpriseWide === true))
        await store.deleteRecord('slack_installation', key);
    },
  };
}
export type InstallationStore = ReturnType<typeof installationStore>;

const enterpriseUserSchema = z.object({
  user: z.object({ enterprise_user: z.object({ enterprise_id: z.string() }).nullish() }),
});
/** The Grid organisation `users.info` says a user belongs to (`enterprise_user`), or null. */
export async function enterpriseOfUser(api: SlackApi, token: string, userId: string): Promise<string | null> {
  const res = await api.call(token, 'users.info', { user: userId });
  const read = res.ok ? enterpriseUserSchema.safeParse(res.data) : null;
  return read?.success ? (read.data.user.enterprise_user?.enterprise_id ?? null) : null;
}

/** Bot token for a workspace: its OAuth installation first, else SLACK_BOT_TOKEN. */
export function tokenSource(installs: InstallationStore | null, botToken: string | undefined) {
  return async (ref: TeamRef): Promise<string | null> =>
    (await installs?.find(ref))?.botToken ?? botToken ?? null;
}
export type TokenSource = ReturnType<typeof tokenSource>;
