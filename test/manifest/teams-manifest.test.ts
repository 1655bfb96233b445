import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import Ajv04 from 'ajv-draft-04';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, fillManifest, MANIFEST_DIR } from '../../scripts/package-teams.js';
import { SHARE_COMMAND_ID } from '../../src/bots/teams/activity.js';
import { parseTeamsCommand } from '../../src/bots/teams/commands.js';
import { fixturePath } from '../helpers/fixtures.js';

const SCHEMA = fixturePath('teams', 'manifest-schema', 'MicrosoftTeams.schema.v1.29.json');
const read = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8'));
const manifest = read(resolve(MANIFEST_DIR, 'manifest.json'));

const APP_ID = '11111111-2222-4333-8444-555555555555';
const PUBLIC_URL = 'https://connect.example.org/invite';

/** Width, height and the RGBA of pixel (0, 0) of an 8-bit RGBA PNG. */
function pngInfo(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * 4 + 1));
  return { width, height, corner: [...raw.subarray(1, 5)] };
}

describe('Teams app manifest (schema v1.29, offline)', () => {
  it('validates with @microsoft/app-manifest against its bundled v1.29 schema', async () => {
    expect(manifest.manifestVersion).toBe('1.29');
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
  });

  it('validates with ajv against the reference copy of the v1.29 schema; the check is not vacuous', () => {
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    const validate = ajv.compile(read(SCHEMA));
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...manifest, accentColor: 'red', bots: [{ scopes: ['personal'] }] })).toBe(false);
  });

  it('declares the bot in personal, team and groupChat scopes, the share action and the link domain', () => {
    const bots = manifest.bots as Array<{
      scopes: string[];
      commandLists: Array<{ commands: Array<{ title: string }> }>;
    }>;
    expect(bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    const titles = bots[0]?.commandLists.flatMap((l) => l.commands.map((c) => c.title)) ?? [];
    for (const title of titles) expect(parseTeamsCommand(title).kind, title).not.toBe('unknown');
    const [extension] = manifest.composeExtensions as Array<{
      commands: Array<{ id: string; type: string }>;
      messageHandlers: Array<{ type: string; value: { domains: string[] } }>;
    }>;
    expect(extension?.commands).toEqual([expect.objectContaining({ id: SHARE_COMMAND_ID, type: 'action' })]);
    expect(extension?.messageHandlers[0]?.type).toBe('link');
    expect(manifest.validDomains).toEqual(extension?.messageHandlers[0]?.value.domains);
  });

  it('ships real icons: color 192×192 opaque, outline 32×32 transparent', () => {
    const color = pngInfo(readFileSync(resolve(MANIFEST_DIR, 'color.png')));
    expect([color.width, color.height, color.corner[3]]).toEqual([192, 192, 255]);
    const outline = pngInfo(readFileSync(resolve(MANIFEST_DIR, 'outline.png')));
    expect([outline.width, outline.height, outline.corner[3]]).toEqual([32, 32, 0]);
  });

  it('npm run package:teams builds a zip with MicrosoftAppId and PUBLIC_URL filled in, still valid', async () => {
    const zip = await JSZip.loadAsync(await buildTeamsPackage({ appId: APP_ID, publicUrl: PUBLIC_URL }));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}');
    expect(packed.bots[0].botId).toBe(APP_ID);
    expect(packed.composeExtensions[0].botId).toBe(APP_ID);
    expect(packed.composeExtensions[0].messageHandlers[0].value.domains).toEqual(['connect.example.org']);
    expect(packed.validDomains).toEqual(['connect.example.org']);
    expect(packed.developer.privacyUrl).toBe(`${PUBLIC_URL}/privacy`);
    expect(await AppManifestUtils.validateAgainstSchema(packed)).toEqual([]);
    expect(pngInfo(Buffer.from((await zip.file('color.png')?.async('uint8array')) ?? [])).width).toBe(192);
  });

  it('refuses a MicrosoftAppId that is not a GUID', () => {
    expect(() => fillManifest(manifest, { appId: 'my-bot', publicUrl: PUBLIC_URL })).toThrow(/GUID/);
  });
});
