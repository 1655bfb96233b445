import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/bots/slack/render/mrkdwn.js';
import { ACTION } from '../../../src/bots/slack/values.js';
import { ensureAccount, MS, requestConnection } from '../../../src/core/index.js';
import { slackActor } from '../../helpers/identities.js';
import { actionsOf, type Harness, slackHarness, TEAM, textOf } from './support.js';

let h: Harness;
afterEach(async () => h.close());

/** Any `<` that is not one of our own invite links would be a mention, a broadcast or a link. */
const unsafe = (text: string) => /<(?!https:\/\/invite\.example\.com\/)/.test(text);
const EVIL_NAME = '<!here> Eve <@U999> <http://x.example|y> & co';

/** Walks a block tree and checks every Block Kit limit we rely on. */
function checkLimits(blocks: unknown[], maxBlocks: number) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  const walk = (v: unknown, parentType?: string) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, parentType);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.text === 'string') expect(o.text.length).toBeLessThanOrEqual(LIMITS.text);
    if (o.type === 'button') {
      expect(String(o.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
      expect(String((o.text as { text: string }).text).length).toBeLessThanOrEqual(LIMITS.buttonText);
    }
    if (parentType === 'overflow' && typeof o.value === 'string')
      expect(o.value.length).toBeLessThanOrEqual(LIMITS.optionValue);
    if (o.type === 'header')
      expect(String((o.text as { text: string }).text).length).toBeLessThanOrEqual(150);
    if (o.type === 'actions') expect((o.elements as unknown[]).length).toBeLessThanOrEqual(25);
    for (const x of Object.values(o)) walk(x, typeof o.type === 'string' ? o.type : parentType);
  };
  walk(blocks);
}

describe('escaping user-controlled text', () => {
  it('names and notes with <!channel>, <@U123> and <http://x|y> never become mentions or links', async () => {
    h = await slackHarness();
    const eve = h.user('UEVE', EVIL_NAME);
    const olivia = h.user('UOWN', 'Olivia');
    for (const u of [eve, olivia]) await h.command(u, 'help');
    await h.command(olivia, 'id');
    // As Slack sends it with escaping on: a typed @channel is <!channel>, a typed "<" is &lt;.
    const sent = await h.command(
      eve,
      '<@UOWN> <!channel> hi <@U123|boss> &lt;http://x.example|click&gt; &amp; more',
    );
    expect(unsafe(String(sent.text))).toBe(false);
    const card = await h.command(eve, '');
    expect(unsafe(textOf(card.blocks)) || unsafe(String(card.text))).toBe(false);
    expect(textOf(card.blocks)).toContain(
      '&lt;!here&gt; Eve &lt;@U999&gt; &lt;http://x.example|y&gt; &amp; co',
    );

    h.slack.reset();
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage')[0];
    expect(unsafe(textOf(dm?.blocks)) || unsafe(String(dm?.text))).toBe(false);
    expect(textOf(dm?.blocks)).toContain('@channel hi @boss &lt;http://x.example|click&gt; &amp; more');
    for (const text of ['requests', 'contacts', 'find eve']) {
      const r = await h.command(olivia, text);
      expect(unsafe(textOf(r.blocks))).toBe(false);
    }
    h.slack.reset();
    await h.event({ type: 'app_home_opened', user: 'UOWN', channel: 'D1', tab: 'home' });
    const view = h.slack.callsTo('views.publish')[0]?.args.view as { blocks: unknown[] };
    expect(textOf(view.blocks)).toContain('&lt;!here&gt;');
    expect(unsafe(textOf(view.blocks))).toBe(false);
  });
});

describe('Block Kit limits on the largest lists', () => {
  it('requests, contacts and App Home stay within 50 / 100 blocks and every text and value limit', async () => {
    h = await slackHarness();
    const olivia = h.user('UOWN', 'Olivia');
    await h.command(olivia, 'help');
    const me = slackActor('UOWN', 'Olivia', { teamId: TEAM });
    await ensureAccount(h.deps, me);
    const longName = (i: number) => `${'&<>'.repeat(25)}${i}`.slice(0, 80);
    const note = '<'.repeat(300);
    for (let i = 0; i < 60; i++) {
      const other = slackActor(`UIN${i}`, longName(i), { teamId: TEAM });
      await requestConnection(h.deps, {
        actor: other,
        target: { kind: 'actor', actor: me },
        note,
        source: 'mention',
      });
    }
    for (let i = 0; i < 60; i++) {
      if (i % 45 === 44) h.clock.advance(MS.DAY + 1000);
      const other = slackActor(`UOUT${i}`, longName(i), { teamId: TEAM });
      await requestConnection(h.deps, {
        actor: me,
        target: { kind: 'actor', actor: other },
        note,
        source: 'mention',
      });
      await requestConnection(h.deps, {
        actor: slackActor(`UC${i}`, longName(i), { teamId: TEAM }),
        target: { kind: 'actor', actor: me },
        source: 'mention',
      });
    }
    // Olivia accepts the UC* requests by asking back: 60 contacts.
    for (let i = 0; i < 60; i++) {
      if (i % 45 === 44) h.clock.advance(MS.DAY + 1000);
      await requestConnection(h.deps, {
        actor: me,
        target: { kind: 'actor', actor: slackActor(`UC${i}`, longName(i), { teamId: TEAM }) },
        source: 'mention',
      });
    }
    const requests = await h.command(olivia, 'requests');
    checkLimits(requests.blocks ?? [], 50);
    expect(actionsOf(requests.blocks).filter((a) => a.action_id === ACTION.page)).toHaveLength(2);
    const contacts = await h.command(olivia, 'contacts');
    checkLimits(contacts.blocks ?? [], 50);
    expect(actionsOf(contacts.blocks).some((a) => a.action_id === ACTION.page)).toBe(true);
    h.slack.reset();
    await h.event({ type: 'app_home_opened', user: 'UOWN', channel: 'D1', tab: 'home' });
    const view = h.slack.callsTo('views.publish')[0]?.args.view as { blocks: unknown[] };
    checkLimits(view.blocks, 100);
    for (const u of ['UIN0', 'UC0']) h.user(u, longName(0));
    // As Slack sends a typed "&" with escaping on.
    const find = await h.command(olivia, 'find &amp;');
    checkLimits(find.blocks ?? [], 50);
    expect(find.blocks?.length).toBe(21);
  });
});

describe('replies in the user’s locale (users.info include_locale)', () => {
  it('Japanese and Vietnamese users get ja and vi replies; the first request may be English', async () => {
    h = await slackHarness();
    const taro = h.user('UTARO', '山田 太郎', { locale: 'ja-JP' });
    const an = h.user('UAN', 'Nguyễn Văn An', { locale: 'vi-VN' });
    await h.command(taro, 'help');
    expect(h.slack.callsTo('users.info')[0]?.args.include_locale).toBe('true');
    expect((await h.command(taro, 'help')).text).toContain('招待リンクを共有して');
    expect((await h.command(taro, 'withdraw')).text).toContain('`withdraw` の後に');
    expect((await h.command(taro, 'no-such-one')).text).toContain('見つかりません');
    await h.command(an, 'help');
    expect((await h.command(an, 'help')).text).toContain('chia sẻ liên kết mời');
    const card = await h.command(an, '');
    expect(textOf(card.blocks)).toContain('mời bạn kết nối');
    expect(actionsOf(card.blocks)).toHaveLength(2);
    expect(JSON.stringify(card.blocks)).toContain('Thêm vào Danh bạ liên lạc');
    expect(JSON.stringify(card.blocks)).toContain('Thêm kèm lời nhắn');
    expect(
      (await h.store.getAccountByIdentity({ platform: 'slack', teamId: TEAM, userId: 'UAN' }))?.handle,
    ).toBe('nguyen-van-an');

    // A DM to a Japanese recipient is in Japanese.
    await h.command(taro, 'id');
    await h.command(an, '<@UTARO> xin chào');
    h.slack.reset();
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage')[0];
    expect(textOf(dm?.blocks)).toContain('からコンタクト申請が届いています');
    expect(JSON.stringify(dm?.blocks)).toContain('承認する');
  });
});
