import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, slackHarness } from '../bots/slack/support.js';
import { printFigure } from '../helpers/figures.js';

/**
 * The attack: a captured signed `web` slash command, replayed within its 5 minutes, returned a fresh
 * sign-in link each time, to whoever replayed it. Now the receiver answers a request whose signature
 * and timestamp it has already seen with an empty 200, and runs nothing.
 */
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const FORM = 'application/x-www-form-urlencoded';

function webCommand(userId: string): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: userId,
    user_name: 'ann',
    command: '/chatwork-invite',
    text: 'web',
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.invalid/commands/1',
    trigger_id: 'trigger-replay',
  }).toString();
}

const links = (text: string) => text.match(/\/signin\?token=[A-Za-z0-9_-]+/g) ?? [];

describe('a signed Slack command delivered twice', () => {
  it('is answered once: the replay gets an empty 200 and no second sign-in link', async () => {
    h = await slackHarness();
    h.user('U_ANN', 'Ann');
    const body = webCommand('U_ANN');
    const ts = Math.floor(h.clock.now() / 1000);
    const first = await h.post(body, FORM, { ts });
    await h.bot.drain();
    const replay = await h.post(body, FORM, { ts });
    await h.bot.drain();
    // A minute later, still inside the signature's window.
    h.clock.advance(60_000);
    const later = await h.post(body, FORM, { ts });
    await h.bot.drain();
    printFigure(
      `signed "web" command sent 3 times: answers ${first.statusCode}/${replay.statusCode}/${later.statusCode}, sign-in links ${links(first.body).length}/${links(replay.body).length}/${links(later.body).length}`,
    );
    expect(first.statusCode).toBe(200);
    expect(links(first.body)).toHaveLength(1);
    for (const again of [replay, later]) {
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe('');
    }
    // Nothing went out by another way either (response_url, chat.postMessage).
    expect(JSON.stringify(h.slack.calls)).not.toContain('/signin?token=');
  });

  it('a new request from the same person (a new timestamp) is answered as usual', async () => {
    h = await slackHarness();
    h.user('U_ANN', 'Ann');
    const body = webCommand('U_ANN');
    const ts = Math.floor(h.clock.now() / 1000);
    expect(links((await h.post(body, FORM, { ts })).body)).toHaveLength(1);
    await h.bot.drain();
    expect(links((await h.post(body, FORM, { ts: ts + 1 })).body)).toHaveLength(1);
  });
});
