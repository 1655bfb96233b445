import { readFileSync } from 'node:fs';
import { blockActionsBody } from './slack-payloads.js';
import { slackHeaders, slashCommandBody } from './slack-signing.js';
import { acceptInvokes, addInvokes, refreshInvokes } from './teams-activities.js';

/** The baselines and scenarios of `npm run bench`, and how each one's requests are built. */

export const SECRET = 'bench-signing-secret-0123456789abcdef';

export type Req = {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** End-to-end scenarios: who must be told (Slack user id or Teams conversation id), not sent. */
  tell?: string;
};

/**
 * A scenario's requests: one fixed request, or a list cycled through (e.g. each Accept click on a
 * distinct request). Everything is signed before the run so the load generator does no crypto.
 */
/** `distinct`: each request may be sent once (an Accept on a pending request); the runner says when a run wraps. */
export type Load = { fixed: Req } | { cycle: Req[]; distinct?: boolean };

/** What a started target announced: its port and extra facts (e.g. the seed file). */
export interface Started {
  port: number;
  extra: Record<string, unknown>;
}

export interface Scenario {
  id: string;
  what: string;
  script: string;
  env?: Record<string, string>;
  /** Needs the bench Redis (flushed before the scenario); skipped with a note when there is none. */
  redis?: boolean;
  request: (target: Started) => Load;
  /**
   * End to end (`e2e.ts`): N clicks, timed from the first until the fake remote (Slack API or Bot
   * Connector) has received every requester's message; the requests' `tell` says whom.
   */
  e2e?: 'slack' | 'connector';
  /** Run the target from this checkout instead of this one (`BENCH_BEFORE`, `beforeTwin`). */
  root?: string;
}

/** Where the bench's fakes listen (`remotes.ts`). */
export interface Remotes {
  slack: { url: string; apiUrl: string };
  connectorUrl: string;
}

/**
 * Distinct signed slash commands, as Slack sends them: each has its own `trigger_id`, so no two are
 * the same signed request. (Our receiver answers a replayed signature with an empty 200 and runs
 * nothing; one fixed request would measure that shortcut, not the command.) One list, built once and
 * cycled by every command scenario (each keeps its own place in it; each target is its own process
 * with its own replay memory). It is longer than that memory (`RecentKeys`, 200,000 signatures), so a
 * command sent again after a wrap has been forgotten and runs in full, however long the run; and short
 * enough that the runner, which is also the load generator and the fake Slack API, does not carry a
 * heap of gigabytes (700,000 commands per user made it 1.7 GB and halved baseline A).
 */
const COMMANDS = { full: 250_000, smoke: 20_000 } as const;
const commandLists = new Map<number, Req[]>();
const signedCommands = (count: number): Load => {
  let list = commandLists.get(count);
  if (!list) {
    const nowSeconds = Math.floor(Date.now() / 1000);
    list = Array.from({ length: count }, (_, i) => {
      // U0OWNER: the seeded owner of P1 (the baselines ignore who sends it).
      const body = slashCommandBody({
        teamId: 'T0BENCH',
        userId: 'U0OWNER',
        userName: 'bench',
        text: '',
        triggerId: `${i}.bench`,
      });
      return {
        method: 'POST' as const,
        path: '/slack/events',
        headers: slackHeaders(SECRET, body, nowSeconds),
        body,
      };
    });
    commandLists.set(count, list);
  }
  return { cycle: list };
};

/**
 * Slack refuses a request signed more than 5 minutes ago (and so does our receiver), and a full run is
 * longer than that: before each round the runner re-signs, in place and outside the timed load, every
 * Slack request of the load signed more than a minute ago. Teams requests carry no signature.
 */
const signedAt = new WeakMap<Req[], number>();
export function freshlySigned(what: Load): void {
  const list = 'cycle' in what ? what.cycle : [what.fixed];
  const now = Math.floor(Date.now() / 1000);
  if (now - (signedAt.get(list) ?? 0) < 60) return;
  signedAt.set(list, now);
  for (const req of list)
    if (req.headers?.['x-slack-signature'] && req.body !== undefined)
      req.headers = slackHeaders(SECRET, req.body, now);
}

const seedsOf = (t: Started) =>
  JSON.parse(readFileSync(String(t.extra.seedFile), 'utf8')) as {
    handle: string;
    requestIds: string[];
    ownerId: string;
  };

/** Each Accept click on a distinct pre-seeded request, signed before the run. */
const acceptClicks =
  (fakeSlackUrl: string) =>
  (t: Started): Load => {
    const { requestIds } = seedsOf(t);
    return {
      cycle: requestIds.map((id, i) => {
        const body = blockActionsBody({
          teamId: 'T0BENCH',
          userId: 'U0OWNER',
          actionId: 'ci_accept',
          value: JSON.stringify({ r: id, s: 'dm' }),
          channel: 'D0OWNER',
          responseUrl: `${fakeSlackUrl}response/bench`,
          actionTs: `1800000000.${String(i).padStart(6, '0')}`,
        });
        // Request i was sent by US<i> (`targets/our-server.ts`, `targets/bolt-accept.ts`).
        const tell = `US${i}`;
        return { method: 'POST', path: '/slack/events', headers: slackHeaders(SECRET, body), body, tell };
      }),
      distinct: true,
    };
  };

/** How many accepts each end-to-end run times (BENCH_E2E_ACCEPTS). */
export const e2eAccepts = (smoke: boolean) => (smoke ? 200 : Number(process.env.BENCH_E2E_ACCEPTS ?? 8_000));

/**
 * `fakeSlack`: the fake Slack API's base URL and API URL (`…/api/`); `smoke`: fewer seeded requests;
 * `rounds`: how many times each scenario is loaded (every click needs a pending request of its own).
 */
export function scenarios(remotes: Remotes, smoke = false, rounds = 1): Scenario[] {
  const fakeSlack = remotes.slack;
  const slackEnv = { BENCH_SLACK_API_URL: fakeSlack.apiUrl };
  const teamsEnv = { BENCH_CONNECTOR_URL: remotes.connectorUrl };
  // Enough distinct pending requests for every click of every round: a round of 8 s does about
  // 7,000 clicks on SQLite and 25,000 on Redis at most on this kind of machine.
  const commands = smoke ? COMMANDS.smoke : COMMANDS.full;
  const signedCommand = () => signedCommands(commands);
  const pendingFor = (perRound: number) => ({
    BENCH_PENDING: smoke ? '12000' : String(perRound * (rounds + 1)),
  });
  // End to end: a warm-up and every round's N accepts, then the run at 70% of the click rate.
  const e2ePending = {
    BENCH_PENDING: String(e2eAccepts(smoke) * (rounds + 1) + (smoke ? 2_000 : 25_000)),
  };
  const refreshLists = new Map<string, Req[]>();
  const refreshes = (ownerId: string) => {
    const list =
      refreshLists.get(ownerId) ?? refreshInvokes(remotes.connectorUrl, ownerId, smoke ? 2_000 : 40_000);
    refreshLists.set(ownerId, list);
    return list;
  };
  return [
    {
      id: 'A',
      what: 'bare fastify POST, constant JSON (baseline A)',
      script: 'fastify-bare.ts',
      request: () => signedCommand(),
    },
    {
      id: 'B',
      what: 'stock Bolt App + HTTPReceiver, ack only (baseline B)',
      script: 'bolt-stock.ts',
      request: () => signedCommand(),
    },
    {
      id: 'C',
      what: 'our server + Slack route, a handler that only acks (baseline C)',
      script: 'our-ack-only.ts',
      request: () => signedCommand(),
    },
    {
      id: 'P1-sqlite',
      what: '/chatwork-invite → invite card (SQLite)',
      script: 'our-server.ts',
      env: { ...slackEnv, BENCH_SEED: 'page' },
      request: () => signedCommand(),
    },
    {
      id: 'P1-redis',
      what: '/chatwork-invite → invite card (Redis)',
      script: 'our-server.ts',
      env: { ...slackEnv, BENCH_SEED: 'page' },
      redis: true,
      request: () => signedCommand(),
    },
    {
      id: 'P2-sqlite',
      what: 'Accept click, distinct pending requests (SQLite)',
      script: 'our-server.ts',
      env: { ...slackEnv, ...pendingFor(25_000), BENCH_SEED: 'accept' },
      request: acceptClicks(fakeSlack.url),
    },
    {
      id: 'P2-redis',
      what: 'Accept click, distinct pending requests (Redis)',
      script: 'our-server.ts',
      env: { ...slackEnv, ...pendingFor(25_000), BENCH_SEED: 'accept' },
      redis: true,
      request: acceptClicks(fakeSlack.url),
    },
    {
      id: 'page',
      what: 'GET /<handle> invite page (SQLite)',
      script: 'our-server.ts',
      // The page's per-IP rate limit would answer 429 to a load generator on one address.
      env: { BENCH_SEED: 'page', WEB_RATE_LIMIT_PER_MINUTE: '100000000' },
      request: (t) => ({ fixed: { method: 'GET', path: `/${seedsOf(t).handle}` } }),
    },
    {
      id: 'T',
      what: 'stock botbuilder CloudAdapter + TeamsActivityHandler, Action.Execute → static card (baseline T)',
      script: 'teams-stock.ts',
      request: () => ({ cycle: refreshes('acc_bench_placeholder_0') }),
    },
    {
      id: 'teams-refresh',
      what: 'Teams invite card refresh invoke (a read, answered inline; Redis)',
      script: 'our-server.ts',
      env: { ...teamsEnv, BENCH_SEED: 'teams-refresh' },
      redis: true,
      request: (t) => ({ cycle: refreshes(seedsOf(t).ownerId) }),
    },
    {
      id: 'teams-add',
      what: 'Teams [Add to contacts] invoke, each by a distinct person (Redis)',
      script: 'our-server.ts',
      env: { ...teamsEnv, ...pendingFor(15_000), BENCH_SEED: 'teams-add' },
      redis: true,
      request: (t) => ({
        cycle: addInvokes(remotes.connectorUrl, seedsOf(t).ownerId, Number(pendingFor(15_000).BENCH_PENDING)),
      }),
    },
    {
      id: 'teams-accept',
      what: 'Teams Accept invoke, distinct pending requests (Redis; notices queued)',
      script: 'our-server.ts',
      env: { ...teamsEnv, ...pendingFor(15_000), BENCH_SEED: 'teams-accept' },
      redis: true,
      request: (t) => ({ cycle: acceptInvokes(remotes.connectorUrl, seedsOf(t).requestIds) }),
    },
    {
      id: 'B2',
      what: 'stock Bolt App: ack, Lua transition (ioredis), respond(), chat.postMessage, inline (baseline B2)',
      script: 'bolt-accept.ts',
      env: { ...slackEnv, ...pendingFor(25_000) },
      redis: true,
      request: acceptClicks(fakeSlack.url),
    },
    {
      id: 'B2-e2e',
      what: 'B2 until the requester is told (baseline)',
      script: 'bolt-accept.ts',
      env: { ...slackEnv, ...e2ePending },
      redis: true,
      request: acceptClicks(fakeSlack.url),
      e2e: 'slack',
    },
    {
      id: 'P2-e2e',
      what: 'Accept click until the requester is told (Redis, delivery loop on)',
      script: 'our-server.ts',
      env: { ...slackEnv, ...e2ePending, BENCH_SEED: 'accept', BENCH_DELIVERY: '1' },
      redis: true,
      request: acceptClicks(fakeSlack.url),
      e2e: 'slack',
    },
    {
      id: 'T2-e2e',
      what: 'stock botbuilder bot: Accept inline (Lua via ioredis, card, proactive message), until told (baseline T2)',
      script: 'teams-stock.ts',
      env: { ...teamsEnv, ...e2ePending, BENCH_TEAMS: 'accept' },
      redis: true,
      request: (t) => ({ cycle: acceptInvokes(remotes.connectorUrl, seedsOf(t).requestIds) }),
      e2e: 'connector',
    },
    {
      id: 'teams-accept-e2e',
      what: 'Teams Accept invoke until the requester is told (Redis, delivery loop on)',
      script: 'our-server.ts',
      env: { ...teamsEnv, ...e2ePending, BENCH_SEED: 'teams-accept', BENCH_DELIVERY: '1' },
      redis: true,
      request: (t) => ({ cycle: acceptInvokes(remotes.connectorUrl, seedsOf(t).requestIds) }),
      e2e: 'connector',
    },
  ];
}

/**
 * `BENCH_BEFORE=<checkout>`: P1 and P2 measured again, in the same run and round-robin with the rest,
 * against the target of an older checkout of this repository (`git worktree add ../before <rev>`, then
 * `npm install` there): the same load generator, requests and machine minute for both, as
 * `<id>@before`. The older target must speak the same bench protocol (`READY <port> <json>`, the
 * `BENCH_SEED` seeds), which `our-server.ts` has since issue 8.
 */
export function beforeTwin(s: Scenario, root: string): Scenario[] {
  return BEFORE_TWINS.includes(s.id)
    ? [{ ...s, id: `${s.id}@before`, what: `${s.what}, code at ${root}`, root }]
    : [];
}
export const BEFORE_TWINS = ['P1-sqlite', 'P1-redis', 'P2-sqlite', 'P2-redis'];
