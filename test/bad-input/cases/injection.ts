import { expect } from 'vitest';
import { answered, type Case, noLeak } from '../support/case.js';
import { commandBody, dana, type SlackPerson, TEAM, tom, type World } from '../support/world.js';

/**
 * Markup injection through the text people control: Slack mrkdwn control sequences (broadcasts,
 * mentions, links), Adaptive Card markdown and HTML, through display names, notes and handles.
 * Each hostile sender asks Dana (Slack) or Tom (Teams); after delivery, the DM or card they get
 * must show the text, never act on it.
 */
const MRKDWN_ATTACKS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U_ALICE>',
  '<#C0GENERAL>',
  '<!subteam^S0ADMINS>',
  '<https://evil.example/steal|Click to verify>',
  '<mailto:x@evil.example|mail>',
  '<!date^1392734382^{date}|x>',
  '*bold* _it_ ~strike~ `code` ```block```',
  '&lt;!channel&gt;',
  '> quoted\n> fake system message',
];
/** What must never appear in a DM built from hostile text (the escaped forms are fine). */
const RAW_TOKENS = [
  '<!channel',
  '<!here',
  '<!everyone',
  '<@U_ALICE',
  '<#C0GENERAL',
  '<!subteam',
  '<https://evil',
  '<mailto:',
  '<!date',
];

let n = 0;
const attacker = (name: string): SlackPerson => ({
  id: `U_INJ${String(++n).padStart(3, '0')}`,
  name,
  teamId: TEAM,
});

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(textOf).join('\n');
  if (v && typeof v === 'object') return Object.values(v).map(textOf).join('\n');
  return '';
}

/** Sends as `who` to Dana, waits for the DM, and checks the DM and the ack for raw control tokens. */
async function toDana(w: World, who: SlackPerson, text: string) {
  const before = w.slack.callsTo('chat.postMessage').length;
  const res = await w.slackPost(commandBody(who, text), 'application/x-www-form-urlencoded');
  await w.settle();
  const dms = w.slack
    .callsTo('chat.postMessage')
    .slice(before)
    // Notices are posted to the user id; Slack opens the app's DM itself.
    .filter((c) => c.channel === dana.id);
  return { ...res, dm: dms.map((c) => textOf([c.text, c.blocks])).join('\n') };
}

const checkSlack = (raw: string) => (r: { status: number; body: string; dm?: string }) => {
  answered(r);
  noLeak(r);
  for (const token of RAW_TOKENS) {
    if (!raw.includes(token)) continue;
    expect(r.body, `ack echoes ${token}`).not.toContain(token);
    expect(r.dm ?? '', `DM contains ${token}`).not.toContain(token);
  }
};

const viaNote: Case[] = MRKDWN_ATTACKS.map((attack) => {
  let dm = '';
  return {
    name: `injection: note ${JSON.stringify(attack).slice(0, 40)}`,
    run: async (w) => {
      const r = await toDana(w, attacker('Nora Note'), `dana-h ${attack}`);
      dm = r.dm;
      expect(dm, 'the DM was delivered').not.toBe('');
      return r;
    },
    check: (r) => checkSlack(attack)({ ...r, dm }),
  };
});

const viaName: Case[] = MRKDWN_ATTACKS.map((attack) => {
  let dm = '';
  return {
    name: `injection: Slack display name ${JSON.stringify(attack).slice(0, 40)}`,
    run: async (w) => {
      const r = await toDana(w, attacker(attack), 'dana-h hello');
      dm = r.dm;
      expect(dm, 'the DM was delivered').not.toBe('');
      return r;
    },
    check: (r) => checkSlack(attack)({ ...r, dm }),
  };
});

const viaHandle: Case[] = [
  '<!channel>',
  '<@U_ALICE>',
  '<https://evil.example|x>',
  '*admin*',
  'alice-h',
  'ALICE-H',
  'bob-h',
  'api',
  'slack',
  '../admin',
].map(
  (handle): Case => ({
    name: `injection: id set ${handle}`,
    run: (w) => w.command(attacker('Hank Handle'), `id set ${handle}`),
    check: (r) => checkSlack(handle)(r),
  }),
);

/** Teams display names and messages carrying card markdown and HTML, toward Slack and the web page. */
const TEAMS_ATTACKS = [
  '[Verify your account](https://evil.example)',
  '**URGENT** <b>admin</b>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!channel> from Teams',
];
const viaTeamsName: Case[] = TEAMS_ATTACKS.map((attack, i) => ({
  name: `injection: Teams display name ${JSON.stringify(attack).slice(0, 40)} → Slack DM and web page`,
  run: async (w) => {
    const who = {
      id: `29:inj${i}`,
      aadObjectId: `aad-inj${i}`,
      name: attack,
      tenantId: tom.tenantId,
      conversationId: `a:inj${i}`,
    };
    const before = w.slack.callsTo('chat.postMessage').length;
    const res = await w.teams(w.teamsMessage(who, 'dana-h'));
    await w.settle();
    const dm = w.slack
      .callsTo('chat.postMessage')
      .slice(before)
      .filter((c) => c.channel === dana.id)
      .map((c) => textOf([c.text, c.blocks]))
      .join('\n');
    expect(dm, 'the DM was delivered').not.toBe('');
    for (const token of [...RAW_TOKENS, '<script', '<img', '<b>'])
      if (attack.includes(token)) expect(dm).not.toContain(token);
    const account = await w.store.getAccountByIdentity({
      platform: 'teams',
      tenantId: tom.tenantId,
      aadObjectId: `aad-inj${i}`,
    });
    const page = await w.web('GET', `/${account?.handle ?? 'missing'}`);
    expect(page.status).toBe(200);
    for (const token of ['<script>alert', '<img src=x', '<b>admin']) expect(page.body).not.toContain(token);
    return res;
  },
  check: (r) => {
    answered(r);
    noLeak(r);
  },
}));

export const injectionCases: Case[] = [...viaNote, ...viaName, ...viaHandle, ...viaTeamsName];
