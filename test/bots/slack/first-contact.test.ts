import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_CONTACT_WAIT_MS } from '../../../src/runtime/profile-cache.js';
import { type Harness, slackHarness, TEAM, textOf } from './support.js';

/**
 * A newcomer's very first `/chatwork-invite`: their Slack profile is read first (bounded by
 * FIRST_CONTACT_WAIT_MS), so the public card shows their real name, a handle folded from it, and
 * speaks their language. Once per person: later commands never wait on Slack.
 */
let h: Harness;
afterEach(async () => h.close());

const accountOf = (userId: string) =>
  h.store.getAccountByIdentity({ platform: 'slack', teamId: TEAM, userId });

describe('first contact in Slack', () => {
  it('a Japanese newcomer: real name, a handle from their name, Japanese', async () => {
    h = await slackHarness();
    h.slack.addUser({
      id: 'UTARO',
      teamId: TEAM,
      name: '山田 太郎',
      username: 'taro.yamada',
      locale: 'ja-JP',
    });
    const card = await h.command({ id: 'UTARO', name: 'taro.yamada' }, '');
    expect(card.response_type).toBe('in_channel');
    const text = textOf(card.blocks);
    expect(text).toContain('*山田 太郎*さんからコンタクトの招待が届いています。');
    expect(text).toContain('`taro-yamada`');
    expect(text).toContain('https://invite.example.com/taro-yamada');
    expect(JSON.stringify(card.blocks)).toContain('コンタクトに追加する');
    expect(await accountOf('UTARO')).toMatchObject({
      displayName: '山田 太郎',
      handle: 'taro-yamada',
      locale: 'ja',
    });
    // Paid once: the next command is answered from what we know, without asking Slack again.
    expect((await h.command({ id: 'UTARO' }, 'id')).text).toContain(
      'あなたのChatwork IDは *taro-yamada* です。',
    );
    expect(h.slack.callsTo('users.info')).toHaveLength(1);
  });

  it('a Vietnamese newcomer: real name, its folded handle, Vietnamese', async () => {
    h = await slackHarness();
    h.slack.addUser({
      id: 'UAN',
      teamId: TEAM,
      name: 'Nguyễn Văn An',
      username: 'an.nguyen',
      locale: 'vi-VN',
    });
    const card = await h.command({ id: 'UAN', name: 'an.nguyen' }, '');
    const text = textOf(card.blocks);
    expect(text).toContain('*Nguyễn Văn An* mời bạn kết nối.');
    expect(text).toContain('`nguyen-van-an`');
    expect(JSON.stringify(card.blocks)).toContain('Thêm vào Danh bạ liên lạc');
    expect(await accountOf('UAN')).toMatchObject({
      displayName: 'Nguyễn Văn An',
      handle: 'nguyen-van-an',
      locale: 'vi',
    });
  });

  it('past the wait: registered as today from the payload, the name and language corrected when the profile comes', async () => {
    h = await slackHarness();
    h.slack.addUser({ id: 'UBOB', teamId: TEAM, name: 'Bob Baker', locale: 'ja-JP' });
    h.slack.slowDown('users.info', FIRST_CONTACT_WAIT_MS + 800);
    const res = await h.post(
      new URLSearchParams({
        team_id: TEAM,
        team_domain: 'acme',
        channel_id: 'C1',
        channel_name: 'general',
        user_id: 'UBOB',
        user_name: 'bob.baker',
        command: '/chatwork-invite',
        text: '',
        response_url: h.slack.responseUrl('first'),
      }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(textOf(JSON.parse(res.body).blocks)).toContain('*bob.baker* invites you to connect.');
    await h.bot.drain();
    expect(await accountOf('UBOB')).toMatchObject({
      displayName: 'Bob Baker',
      handle: 'bob-baker',
      locale: 'ja',
    });
  });
});
