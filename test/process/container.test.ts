import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './support.js';

/**
 * The container files, read as an operator relies on them. Docker is not available where the tests run, so
 * the image is never built here (the README says so): these checks read the Dockerfile's instructions and
 * parse compose.yaml instead.
 */
interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile → instructions per stage (comments dropped, `\` continuations joined). */
function stages(text: string): Instruction[][] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const out: Instruction[][] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const ins = { op: op.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (ins.op === 'FROM') out.push([]);
    out.at(-1)?.push(ins);
  }
  return out;
}

const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
const [build = [], runtime = []] = stages(dockerfile);
const all = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).map((i) => i.args);
const last = (stage: Instruction[], op: string) => all(stage, op).at(-1);

describe('Dockerfile', () => {
  it('has two stages: a build stage with the dev dependencies, a runtime stage with production ones only', () => {
    expect(stages(dockerfile)).toHaveLength(2);
    expect(build[0]?.args).toMatch(/^node:\S+ AS build$/);
    expect(runtime[0]?.args).toMatch(/^node:\S+ AS runtime$/);
    expect(all(build, 'RUN').join('\n')).toMatch(/npm ci\b/);
    expect(all(build, 'RUN').join('\n')).toMatch(/npm run build/);
    expect(all(build, 'RUN').join('\n')).toMatch(/npm prune --omit=dev/);
    // The runtime stage installs nothing: it copies the pruned node_modules and dist/ from the build stage.
    expect(all(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)/);
    expect(all(runtime, 'COPY')).toEqual(
      expect.arrayContaining([
        '--from=build /app/node_modules ./node_modules',
        '--from=build /app/dist ./dist',
      ]),
    );
  });

  it('runs as a non-root user, on 0.0.0.0:3000, with /data as a volume for the SQLite file and secret key', () => {
    const user = last(runtime, 'USER');
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bDATA_DIR=\/data\b/);
    expect(env).toMatch(/\bSTORE_URL=sqlite:\/data\//);
    expect(all(runtime, 'EXPOSE')).toEqual(['3000']);
    expect(all(runtime, 'VOLUME')).toEqual(['["/data"]']);
    expect(all(runtime, 'RUN').join('\n')).toMatch(/chown node:node \/data/);
  });

  it('checks health on /readyz and starts node dist/main.js directly (SIGTERM reaches node)', () => {
    expect(last(runtime, 'HEALTHCHECK')).toMatch(/^--interval=\S+ .*CMD \[.*\/readyz/);
    expect(JSON.parse(last(runtime, 'CMD') ?? 'null')).toEqual(['node', 'dist/main.js']);
    expect(all(runtime, 'ENTRYPOINT')).toEqual([]);
    expect(last(runtime, 'STOPSIGNAL')).toBe('SIGTERM');
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    for (const must of ['.git', '.env', 'node_modules', 'dist', 'data']) expect(ignored).toContain(must);
    const sources = all(build, 'COPY').flatMap((args) => args.split(' ').slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(resolve(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source.replace(/^\.\//, ''));
    }
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync(resolve(ROOT, 'compose.yaml'), 'utf8')) as {
    services: Record<string, Record<string, unknown>>;
    volumes: Record<string, unknown>;
  };

  it('has the app, built from this Dockerfile, on Redis, with its data volume', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'redis']);
    const app = compose.services.app ?? {};
    expect(app.build).toBe('.');
    expect(app.environment).toMatchObject({ STORE_URL: 'redis://redis:6379' });
    expect(app.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(app.volumes).toEqual(['app-data:/data']);
    expect(app.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('runs Redis with AOF on (appendonly yes, fsync every second), no eviction, and a persistent volume', () => {
    const redis = compose.services.redis ?? {};
    const command = (redis.command as string[]).join(' ');
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--appendfsync everysec/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(redis.healthcheck).toMatchObject({ test: ['CMD', 'redis-cli', 'ping'] });
    expect(Object.keys(compose.volumes).sort()).toEqual(['app-data', 'redis-data']);
  });
});
