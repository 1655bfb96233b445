import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Test fixtures kept in the repository (`test/fixtures/`, each with its origin in that folder's README):
 * platform payloads copied from Slack's and Microsoft's docs, and the official manifest schemas.
 */
export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** Absolute path of a fixture, e.g. `fixturePath('slack', 'url_verification.json')`. */
export const fixturePath = (...parts: string[]): string => resolve(FIXTURES, ...parts);

/** A fixture's text, byte for byte (signature tests hash it as-is). */
export const fixtureText = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');

/** A JSON fixture, parsed. */
export const fixtureJson = <T = Record<string, unknown>>(...parts: string[]): T =>
  JSON.parse(fixtureText(...parts)) as T;
