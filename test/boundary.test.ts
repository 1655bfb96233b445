import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule (README, Architecture): `core` imports only `core` and zod; `store` and `bots` import
 * `core` but never each other. A violation names the file and the import.
 */
const SRC = resolve(import.meta.dirname, '../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ];
  return found.map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Resolves an import to `src/<area>/…` for relative imports, or the package name. */
function target(
  file: string,
  spec: string,
): { kind: 'src'; path: string } | { kind: 'package'; name: string } {
  if (spec.startsWith('.')) return { kind: 'src', path: relative(SRC, resolve(file, '..', spec)) };
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
  return { kind: 'package', name };
}

function violations(area: string, allowed: (t: ReturnType<typeof target>) => boolean): string[] {
  return filesUnder(join(SRC, area)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => !allowed(target(file, spec)))
      .map((spec) => `${relative(SRC, file)} imports ${spec}`),
  );
}

describe('dependency rule', () => {
  it('core imports only core and zod', () => {
    const bad = violations('core', (t) => (t.kind === 'src' ? t.path.startsWith('core') : t.name === 'zod'));
    expect(bad).toEqual([]);
  });

  it('store never imports bots, http or main', () => {
    const bad = violations('store', (t) => t.kind === 'package' || !/^(bots|http|main|compose)/.test(t.path));
    expect(bad).toEqual([]);
  });

  it('bots never import store, http or main', () => {
    const bad = violations('bots', (t) => t.kind === 'package' || !/^(store|http|main|compose)/.test(t.path));
    expect(bad).toEqual([]);
  });

  it('chatwork (the Chatwork API bridge) imports only core, chatwork, zod and node built-ins: no platform', () => {
    const bad = violations('chatwork', (t) =>
      t.kind === 'src' ? /^(core|chatwork)\//.test(t.path) : t.name === 'zod' || t.name.startsWith('node:'),
    );
    expect(bad).toEqual([]);
    expect(filesUnder(join(SRC, 'chatwork')).length).toBeGreaterThan(0);
  });

  it('flows import only core, flows, and types from i18n', () => {
    const bad = filesUnder(join(SRC, 'flows')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^(import|export)(\s+type)?\s[^;]*?from\s+['"]([^'"]+)['"]/gms)]
        .filter(([, , typeOnly, spec = '']) => {
          const t = target(file, spec);
          if (t.kind === 'package') return true;
          if (/^(core|flows)\//.test(t.path)) return false;
          return !(typeOnly && t.path.startsWith('i18n/'));
        })
        .map(([, , , spec]) => `${relative(SRC, file)} imports ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('bots call flows, never a core use case (src/core/usecases): every rule and wording lives once', () => {
    const useCases = new Set(
      filesUnder(join(SRC, 'core/usecases')).flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1] ?? ''),
      ),
    );
    expect(useCases.has('requestConnection')).toBe(true);
    const bad = filesUnder(join(SRC, 'bots')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import\s+\{([^}]*)\}\s+from\s+['"]([^'"]+)['"]/gms)]
        .filter(([, , spec = '']) => {
          const t = target(file, spec);
          return t.kind === 'src' && t.path.startsWith('core');
        })
        .flatMap(([, names = '']) =>
          names
            .split(',')
            .map((n) => n.trim())
            .filter((n) => n !== '' && !n.startsWith('type ') && useCases.has(n))
            .map((n) => `${relative(SRC, file)} calls the use case ${n}`),
        ),
    );
    expect(bad).toEqual([]);
  });

  it('http never imports bots or store (compose wires them); runtime never imports bots, flows, http or store', () => {
    const http = violations(
      'http',
      (t) => t.kind === 'package' || !/^(bots|store|main|compose)/.test(t.path),
    );
    const runtime = violations(
      'runtime',
      (t) => t.kind === 'package' || !/^(bots|flows|http|store|main|compose)/.test(t.path),
    );
    expect([...http, ...runtime]).toEqual([]);
  });

  it('i18n imports only core and i18n: the catalog knows no platform', () => {
    const bad = violations('i18n', (t) => t.kind === 'src' && /^(core|i18n)\//.test(t.path));
    expect(bad).toEqual([]);
  });

  it('botbuilder stays inside src/bots/teams', () => {
    const outside = filesUnder(SRC)
      .filter((f) => !relative(SRC, f).startsWith('bots/teams'))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.startsWith('botbuilder') || s.startsWith('botframework'))
          .map((s) => `${relative(SRC, f)} imports ${s}`),
      );
    expect(outside).toEqual([]);
  });

  it('the checker sees imports (guards against a regex that matches nothing)', () => {
    const all = filesUnder(join(SRC, 'core')).flatMap(importsOf);
    expect(all).toContain('zod');
    expect(all.some((s) => s.startsWith('./'))).toBe(true);
  });

  it('no file in src is over 400 lines', () => {
    const long = filesUnder(SRC)
      .map((f) => ({ f: relative(SRC, f), n: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.n > 400);
    expect(long).toEqual([]);
  });
});
