import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { StorePort } from '../../core/index.js';

/**
 * OAuth installations in the store's `slack_installation` records, one per workspace (or per
 * enterprise for org-wide installs). Bot tokens are encrypted at rest with AES-256-GCM under a key
 * derived from SECRET_KEY; nothing else is secret.
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
export type StoredInstallation = z.infer<typeof installationSchema>;
export type Installation = Omit<StoredInstallation, 'botToken'> & { botToken: string };

export function tokenCipher(secretKey: Buffer) {
  const key = createHash('sha256').update('chatwork-invite:slack-token:v1').update(secretKey).digest();
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ct]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed: string): string | null {
      const [v, iv, tag, ct] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || ct === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return null;
      }
    },
  };
}

export interface TeamRef {
  teamId: string;
  enterpriseId?: string;
}

const keysOf = (ref: TeamRef): string[] => [
  `team:${ref.teamId}`,
  ...(ref.enterpriseId ? [`enterprise:${ref.enterpriseId}`] : []),
];

export function installationStore(store: StorePort, secretKey: Buffer, now: () => number) {
  const cipher = tokenCipher(secretKey);
  return {
    async save(inst: Installation): Promise<void> {
      const key =
        inst.isEnterpriseInstall && inst.enterpriseId
          ? `enterprise:${inst.enterpriseId}`
          : `team:${inst.teamId}`;
      const stored: StoredInstallation = { ...inst, botToken: cipher.seal(inst.botToken) };
      await store.putRecord('slack_installation', key, JSON.stringify(stored), null);
    },
    /** The installation serving a workspace: its own, else its enterprise's org-wide one. */
    async find(ref: TeamRef): Promise<Installation | null> {
      for (const key of keysOf(ref)) {
        const raw = await store.getRecord('slack_installation', key, now());
        if (raw === null) continue;
        const parsed = installationSchema.safeParse(JSON.parse(raw));
        if (!parsed.success) continue;
        const botToken = cipher.open(parsed.data.botToken);
        if (botToken) return { ...parsed.data, botToken };
      }
      return null;
    },
    /** `app_uninstalled` / `tokens_revoked`: forget the installation and its token. */
    async remove(ref: TeamRef, isEnterpriseWide = false): Promise<void> {
      await store.deleteRecord('slack_installation', `team:${ref.teamId}`);
      if (isEnterpriseWide && ref.enterpriseId)
        await store.deleteRecord('slack_installation', `enterprise:${ref.enterpriseId}`);
    },
    /** The raw stored record (tests check the token is not stored in clear). */
    raw: (ref: TeamRef) => store.getRecord('slack_installation', `team:${ref.teamId}`, now()),
  };
}
export type InstallationStore = ReturnType<typeof installationStore>;

/** Bot token for a workspace: its OAuth installation first, else SLACK_BOT_TOKEN. */
export function tokenSource(installs: InstallationStore | null, botToken: string | undefined) {
  return async (ref: TeamRef): Promise<string | null> => {
    if (installs) {
      const found = await installs.find(ref);
      if (found) return found.botToken;
    }
    return botToken ?? null;
  };
}
export type TokenSource = ReturnType<typeof tokenSource>;
