import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod';

/**
 * `npm run package:teams`: builds the sideloadable Teams app package (manifest.json + the two
 * icons at the zip root) from `manifest/teams/`, with MicrosoftAppId as the bot id and
 * PUBLIC_URL's host as the link-unfurling and valid domain.
 *
 *   MicrosoftAppId=<guid> PUBLIC_URL=https://invite.example.com npm run package:teams
 *   → manifest/teams/build/chatwork-invite-teams.zip
 *
 * Reads `.env` like the server does. TEAMS_APP_ID (optional) overrides the Teams app id.
 */

export const MANIFEST_DIR = resolve(import.meta.dirname, '../manifest/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const inputSchema = z.object({
  appId: z
    .string({
      error:
        "MicrosoftAppId is not set: set it to your Azure Bot's Microsoft App ID (Azure portal → the bot → Configuration), e.g. MicrosoftAppId=<guid> PUBLIC_URL=https://invite.example.com npm run package:teams",
    })
    .regex(
      GUID,
      "MicrosoftAppId must be the Azure Bot's app id, a GUID like 00000000-0000-0000-0000-000000000000",
    ),
  publicUrl: z.url({ error: 'PUBLIC_URL must be an absolute URL, e.g. https://invite.example.com' }),
  teamsAppId: z.string().regex(GUID, 'TEAMS_APP_ID must be a GUID').optional(),
});
export type PackageInput = z.input<typeof inputSchema>;

const manifestSchema = z.looseObject({
  id: z.string(),
  developer: z.looseObject({ websiteUrl: z.string(), privacyUrl: z.string(), termsOfUseUrl: z.string() }),
  bots: z.array(z.looseObject({ botId: z.string() })).length(1),
  composeExtensions: z
    .array(
      z.looseObject({
        botId: z.string(),
        messageHandlers: z.array(z.looseObject({ value: z.looseObject({ domains: z.array(z.string()) }) })),
      }),
    )
    .length(1),
  validDomains: z.array(z.string()),
  icons: z.object({ color: z.string(), outline: z.string() }),
});

/** The manifest with the deployment's ids and domain filled in. */
export function fillManifest(template: unknown, input: PackageInput): Record<string, unknown> {
  const { appId, publicUrl, teamsAppId } = inputSchema.parse(input);
  const m = manifestSchema.parse(template);
  const url = new URL(publicUrl);
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return {
    ...m,
    id: teamsAppId ?? m.id,
    developer: {
      ...m.developer,
      websiteUrl: `${base}/`,
      privacyUrl: `${base}/privacy`,
      termsOfUseUrl: `${base}/terms`,
    },
    bots: m.bots.map((b) => ({ ...b, botId: appId })),
    composeExtensions: m.composeExtensions.map((c) => ({
      ...c,
      botId: appId,
      messageHandlers: c.messageHandlers.map((h) => ({
        ...h,
        value: { ...h.value, domains: [url.hostname] },
      })),
    })),
    validDomains: [url.hostname],
  };
}

/** The zip Teams sideloads: manifest.json, color.png and outline.png at the root. */
export async function buildTeamsPackage(input: PackageInput, dir = MANIFEST_DIR): Promise<Buffer> {
  const template: unknown = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
  const manifest = fillManifest(template, input);
  const { icons } = manifestSchema.parse(manifest);
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  zip.file(icons.color, readFileSync(resolve(dir, icons.color)));
  zip.file(icons.outline, readFileSync(resolve(dir, icons.outline)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env: the environment alone
  }
  const input = inputSchema.safeParse({
    appId: process.env.MicrosoftAppId || undefined,
    publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:3000',
    teamsAppId: process.env.TEAMS_APP_ID || undefined,
  });
  if (!input.success) {
    console.error('Cannot build the Teams package:');
    for (const issue of input.error.issues) console.error(`  - ${issue.message}`);
    process.exit(1);
  }
  if (!input.data.publicUrl.startsWith('https://'))
    console.warn('PUBLIC_URL is not https: Teams only unfurls and opens https links.');
  const zip = await buildTeamsPackage(input.data);
  const out = resolve(MANIFEST_DIR, 'build');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'chatwork-invite-teams.zip'), zip);
  console.info(`wrote ${resolve(out, 'chatwork-invite-teams.zip')} (${zip.length} bytes)`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) void main();
