import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, SLACK_EVENTS, SLACK_ROUTES, SLASH_COMMAND } from '../../src/bots/slack/index.js';
import { fixturePath } from '../helpers/fixtures.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const schemaDir = fixturePath('slack', 'manifest-schema');
const read = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8'));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  formats.default(ajv);
  for (const v of ['1.0.0', '2.0.0'])
    ajv.addSchema(
      read(resolve(schemaDir, `schemas/manifest.schema.${v}.json`)),
      `https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.${v}.json`,
    );
  return ajv.compile(read(resolve(schemaDir, 'manifest.schema.json')));
}

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; url?: string; should_escape?: boolean }>;
    unfurl_domains: string[];
    app_home: { home_tab_enabled: boolean };
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
  };
}
const manifest = (name: string) => read(resolve(repoRoot, 'manifest/slack', name)) as unknown as Manifest;
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('Slack app manifest', () => {
  const validate = validator();

  it('the validator works: the schema repo’s valid example passes, its invalid one fails', () => {
    expect(validate(read(resolve(schemaDir, 'examples/manifest.v1.valid.json')))).toBe(true);
    expect(validate(read(resolve(schemaDir, 'examples/manifest.v1.invalid.json')))).toBe(false);
  });

  for (const file of ['manifest.json', 'manifest.socket-mode.json']) {
    it(`${file} is valid against Slack's manifest schema`, () => {
      const ok = validate(manifest(file));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

    it(`${file} declares the command, events and scopes the code registers`, () => {
      const m = manifest(file);
      expect(m.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
      expect(m.features.slash_commands[0]?.should_escape).toBe(true);
      expect(sorted(m.settings.event_subscriptions.bot_events)).toEqual(sorted(SLACK_EVENTS));
      expect(sorted(m.oauth_config.scopes.bot)).toEqual(sorted(BOT_SCOPES));
      expect(m.settings.interactivity.is_enabled).toBe(true);
      expect(m.features.app_home.home_tab_enabled).toBe(true);
      // Enterprise Grid: installable once for a whole organisation (installations keyed by enterprise).
      expect(m.settings.org_deploy_enabled).toBe(true);
    });
  }

  it('manifest.json points every URL at the routes the code serves, on one placeholder host', () => {
    const m = manifest('manifest.json');
    const urls = [
      m.features.slash_commands[0]?.url,
      m.settings.interactivity.request_url,
      m.settings.event_subscriptions.request_url,
    ].map((u) => new URL(String(u)));
    for (const u of urls) expect(u.pathname).toBe(SLACK_ROUTES.events);
    const redirect = new URL(String(m.oauth_config.redirect_urls?.[0]));
    expect(redirect.pathname).toBe(SLACK_ROUTES.oauthRedirect);
    const hosts = new Set([...urls, redirect].map((u) => u.host));
    expect([...hosts]).toEqual(m.features.unfurl_domains);
    expect(urls.every((u) => u.protocol === 'https:')).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('the Socket Mode manifest has no public URLs', () => {
    const m = manifest('manifest.socket-mode.json');
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(m)).not.toContain('/slack/events');
  });
});
