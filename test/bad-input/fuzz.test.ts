import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackCommand } from '../../src/bots/slack/grammar.js';
import { decodeBody, parseSlackBody } from '../../src/bots/slack/parse.js';
import { ACTION } from '../../src/bots/slack/values.js';
import { parseActivity } from '../../src/bots/teams/activity.js';
import { parseTeamsCommand } from '../../src/bots/teams/commands.js';
import { printFigure } from '../helpers/figures.js';
import { clickPayload, commandBody, mallory, openWorld, TEAM, tom, type World } from './support/world.js';

/**
 * Property-based runs with fast-check: 10,000 generated slash-command texts and 10,000 generated
 * payloads (Slack bodies and Teams activities) through the parse layer, which must never throw and
 * always return one of its known kinds; then a sample of them through the real server, which must
 * answer below 500 and leave the protected people's state unchanged.
 */
const RUNS = 10_000;
const SAMPLE = 150;
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

const word = fc.constantFrom(
  '',
  'link',
  'id',
  'id set',
  'requests',
  'contacts',
  'find',
  'withdraw',
  'remove',
  'block',
  'web',
  'help',
  'HELP',
  'Id  Set',
);
const hostile = fc.constantFrom(
  '<!channel>',
  '<@U_ALICE|alice>',
  '<@U_ALICE>',
  '<#C1|general>',
  '<mailto:a@b.c|a@b.c>',
  '<https://evil.example|x>',
  'https://invite.example.com/alice-h',
  'alice-h',
  'a@b.c',
  '\u202E',
  '\u200B',
  '\u0000',
  '😀',
  '👩‍👩‍👧',
  'é'.repeat(300),
  '\uD800',
  '`',
  '*',
  '>',
  '&lt;',
  '%00',
  '\n',
  '\t',
);
/** Texts people type: grammar words, people, links and junk, glued with random spacing. */
const commandText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .tuple(
      word,
      fc.array(fc.oneof(hostile, fc.string({ unit: 'grapheme-ascii', maxLength: 20 })), { maxLength: 6 }),
      fc.constantFrom(' ', '  ', '\n', '\u3000', '\t'),
    )
    .map(([w, parts, sep]) => [w, ...parts].join(sep)),
);

const SLACK_KINDS = new Set([
  'command',
  'action',
  'view_submission',
  'home_opened',
  'link_shared',
  'app_uninstalled',
  'tokens_revoked',
  'unsupported',
]);
const json = fc.jsonValue({ maxDepth: 4 });
/** Slack-ish bodies: real shapes with fields replaced by anything. */
const slackBody = fc.oneof(
  json,
  fc.record(
    {
      type: fc.constantFrom('block_actions', 'view_submission', 'event_callback', 'shortcut', 'x'),
      team: json,
      user: json,
      actions: json,
      view: json,
      event: json,
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      command: fc.constantFrom('/chatwork-invite', '/x', ''),
      text: commandText,
      user_id: fc.string(),
      team_id: fc.string(),
      channel_name: fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc
    .record({
      actionId: fc.constantFrom(...Object.values(ACTION), 'zzz'),
      value: fc.oneof(
        fc.string(),
        json.map((v) => JSON.stringify(v)),
      ),
    })
    .map(({ actionId, value }) => clickPayload(mallory, actionId, value)),
  fc.record({
    type: fc.constantFrom('event_callback'),
    event_id: fc.string(),
    event: fc.record(
      {
        type: fc.constantFrom(
          'app_home_opened',
          'link_shared',
          'app_uninstalled',
          'tokens_revoked',
          'message',
        ),
        user: fc.string(),
        links: json,
        tokens: json,
      },
      { requiredKeys: ['type'] },
    ),
  }),
);
const TEAMS_KINDS_FIELD = 'kind';
/** Teams activities: real shapes with fields replaced by anything. */
const teamsActivity = fc.oneof(
  json,
  fc.record(
    {
      type: fc.constantFrom(
        'message',
        'invoke',
        'conversationUpdate',
        'installationUpdate',
        'messageReaction',
        'x',
      ),
      name: fc.constantFrom(
        'adaptiveCard/action',
        'composeExtension/query',
        'composeExtension/queryLink',
        'composeExtension/fetchTask',
        'x',
      ),
      text: commandText,
      from: fc.oneof(json, fc.record({ id: fc.string(), name: fc.string(), aadObjectId: fc.string() })),
      conversation: fc.oneof(
        json,
        fc.record({
          id: fc.string(),
          conversationType: fc.constantFrom('personal', 'groupChat', 'channel', 'x'),
          tenantId: fc.string(),
        }),
      ),
      channelData: json,
      entities: fc.array(json, { maxLength: 3 }),
      value: fc.oneof(
        json,
        fc.record({
          action: fc.record({ type: fc.constantFrom('Action.Execute'), verb: fc.string(), data: json }),
        }),
      ),
      serviceUrl: fc.constantFrom('http://127.0.0.1:9/', 'javascript:alert(1)', ''),
      locale: fc.string(),
    },
    { requiredKeys: ['type'] },
  ),
);

describe(`fast-check (seed ${SEED})`, () => {
  it(`${RUNS} slash-command texts: both grammars always answer with a known command`, () => {
    fc.assert(
      fc.property(commandText, (text) => {
        const slack = parseSlackCommand(text);
        const teams = parseTeamsCommand(text);
        expect(typeof slack.kind).toBe('string');
        expect(typeof teams.kind).toBe('string');
        JSON.stringify([slack, teams]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`${RUNS} payloads: Slack bodies and Teams activities parse to a known kind, never throw`, () => {
    fc.assert(
      fc.property(slackBody, teamsActivity, (body, activity) => {
        expect(SLACK_KINDS.has(parseSlackBody(body).kind)).toBe(true);
        const form = new URLSearchParams({ payload: JSON.stringify(body) }).toString();
        const decoded = decodeBody(form, 'application/x-www-form-urlencoded');
        if (decoded) expect(SLACK_KINDS.has(parseSlackBody(decoded).kind)).toBe(true);
        const parsed = parseActivity(activity);
        expect(typeof Reflect.get(parsed, TEAMS_KINDS_FIELD)).toBe('string');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe(`a sample of ${SAMPLE} generated inputs through the real server`, () => {
  let w: World;
  let baseline: string;
  const statuses = new Map<number, number>();
  beforeAll(async () => {
    w = await openWorld();
    baseline = await w.snapshot();
  }, 60_000);
  afterAll(async () => {
    printFigure(
      `fuzz: ${RUNS} slash-command texts and ${RUNS} payloads through the parse layer, ` +
        `${SAMPLE * 3} generated requests through the server, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    await w?.close();
  });

  it('answers below 500 and changes nothing of the protected people', async () => {
    const texts = fc.sample(commandText, { numRuns: SAMPLE, seed: SEED });
    const bodies = fc.sample(slackBody, { numRuns: SAMPLE, seed: SEED + 1 });
    const activities = fc.sample(teamsActivity, { numRuns: SAMPLE, seed: SEED + 2 });
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    for (const [i, text] of texts.entries()) {
      const who = { ...mallory, id: `U_FUZZ${i % 20}`, teamId: TEAM };
      const r = await w.slackPost(commandBody(who, text), 'application/x-www-form-urlencoded');
      count(r.status);
      expect(r.status, JSON.stringify(text)).toBeLessThan(500);
    }
    for (const body of bodies) {
      const r = await w.slackPost(
        `payload=${encodeURIComponent(JSON.stringify(body))}`,
        'application/x-www-form-urlencoded',
      );
      count(r.status);
      expect(r.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
    }
    for (const activity of activities) {
      const a =
        activity && typeof activity === 'object' && !Array.isArray(activity)
          ? { ...w.teamsMessage(tom, 'help'), ...activity, serviceUrl: w.connector.serviceUrl }
          : activity;
      const r = await w.app.inject({
        method: 'POST',
        url: '/api/messages',
        payload: JSON.stringify(a),
        headers: { 'content-type': 'application/json' },
      });
      count(r.statusCode);
      expect(r.statusCode, JSON.stringify(a).slice(0, 300)).toBeLessThan(500);
    }
    expect(await w.snapshot()).toBe(baseline);
    expect((await w.web('GET', '/healthz')).status).toBe(200);
  }, 120_000);
});
