import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands alone: a fresh clone has nothing beside it, so no code, test, comment or doc may
 * read or cite a path outside it (the product rules are in docs/, the fixtures in test/fixtures/). `.ci/run`
 * also runs the whole suite from a copy in an empty folder.
 */
const ROOT = resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'data', 'test-results', 'build']);
const BINARY = /\.(png|zip|db|db-wal|db-shm|ico)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(path).isDirectory()) return files(path);
    return BINARY.test(name) ? [] : [path];
  });
}

/** This file names the outside paths only to look for them; it builds the names so it never cites one. */
const CHECKS_ABSENCE = new Set(['test/self-contained.test.ts']);
const SIBLING = ['sha', 'red'].join('');
const OUTSIDE = new RegExp(
  [`\\.\\./${SIBLING}`, `${SIBLING}/(docs|reference)`, `${'CONTRACT'}\\.md`, `${'CONVENTIONS'}\\.md`].join(
    '|',
  ),
);

describe('the repository stands alone', () => {
  it('no file reads or cites the reference folder beside the repository or the brief documents', () => {
    const all = files(ROOT).filter((p) => !CHECKS_ABSENCE.has(relative(ROOT, p)));
    expect(all.length).toBeGreaterThan(100);
    const hits = all.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          OUTSIDE.test(line) ? [`${relative(ROOT, path)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(hits).toEqual([]);
  });

  it('every fixture file is listed in test/fixtures/README.md with where it comes from', () => {
    const readme = readFileSync(resolve(ROOT, 'test/fixtures/README.md'), 'utf8');
    const fixtures = files(resolve(ROOT, 'test/fixtures')).map((p) =>
      relative(resolve(ROOT, 'test/fixtures'), p),
    );
    expect(fixtures.length).toBeGreaterThan(20);
    for (const f of fixtures) {
      if (f === 'README.md' || f.endsWith('LICENSE')) continue;
      // A file is named by its own name, or by its folder (`manifest-schema/`, the chatwork examples).
      const name = f.split('/').at(-1) ?? f;
      const folder = f.split('/').slice(-2, -1)[0] ?? '';
      expect(readme.includes(name) || readme.includes(`${folder}/`), f).toBe(true);
    }
  });
});
