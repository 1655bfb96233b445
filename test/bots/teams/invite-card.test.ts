import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_PUBLIC_URL } from '../../helpers/core.js';
import { logSink } from '../../http/support.js';
import {
  BOT_ID,
  cardAction,
  cardText,
  executeActions,
  message,
  reference,
  TENANT,
  type TeamsTest,
  teamsServer,
  user,
} from './support.js';

const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Tran');
const erin = user('erin', 'Erin Ito');
const group = { conversationType: 'groupChat', id: '19:group@thread.v2', tenantId: TENANT };

describe('the invite card in a group chat: the four viewer states, as on Slack', () => {
  let t: TeamsTest;
  let ownerId: string;
  beforeEach(async () => {
    t = await teamsServer();
    const entities = [
      { type: 'mention', text: '<at>Chatwork Invite</at>', mentioned: { id: BOT_ID, name: 'x' } },
    ];
    await t.post(message(t, ann, '<at>Chatwork Invite</at> invite', { conversation: group, entities }));
    const card = t.connector.cardOf(t.connector.sends(group.id).at(-1));
    ownerId = String(executeActions(card)[0]?.data.ownerId);
    expect(ownerId).toMatch(/^acc_/);
  });
  afterEach(async () => {
    await t.close();
  });

  const view = async (who: typeof ann, verb: 'refresh' | 'add-to-contacts') => {
    const res = await t.post(cardAction(t, who, verb, { v: 1, ownerId }, { conversation: group }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return res.json().value as Record<string, unknown>;
  };

  it('someone seen for the first time: Register and connect, which signs up and sends the request', async () => {
    const before = await view(erin, 'refresh');
    expect(executeActions(before).map((a) => a.title)).toEqual(['Register and connect']);
    expect(
      await t.store.getAccountByIdentity({
        platform: 'teams',
        tenantId: TENANT,
        aadObjectId: erin.aadObjectId,
      }),
    ).toBeNull();
    const after = await view(erin, 'add-to-contacts');
    expect(cardText(after)).toContain('Welcome! Your Chatwork ID is erin-ito. Request sent to Ann Lee.');
    expect(executeActions(after)).toEqual([]);
    // A second click (or a Teams retry) changes nothing: the request is pending.
    const again = await view(erin, 'add-to-contacts');
    expect(cardText(again)).toContain('Your request to Ann Lee is pending.');
    expect((await t.deliver()).claimed).toBe(1);
    // Nothing was posted to the group: the answer is for the clicker only.
    expect(t.connector.sends(group.id)).toHaveLength(1);
    expect(t.connector.updates()).toEqual([]);
  });

  it('own link, a registered stranger, and a contact', async () => {
    expect(cardText(await view(ann, 'refresh'))).toContain('This is your invite link.');
    expect(executeActions(await view(ann, 'add-to-contacts'))).toEqual([]);

    await t.post(message(t, bob, 'id'));
    expect(executeActions(await view(bob, 'refresh')).map((a) => a.title)).toEqual([
      'Add to contacts',
      'Send request',
    ]);
    expect(cardText(await view(bob, 'add-to-contacts'))).toContain('Request sent to Ann Lee.');

    await t.post(message(t, ann, 'bob-tran')); // the opposite request connects both at once
    expect(cardText(t.connector.cardOf(t.connector.sends(ann.conversationId).at(-1)))).toContain(
      'You and Bob Tran are now contacts.',
    );
    expect(cardText(await view(bob, 'refresh'))).toContain('Ann Lee is already in your contacts.');
  });

  it('a mutual request auto-connects: the clicker’s own Accept/Decline card is settled, no buttons left', async () => {
    await t.post(message(t, bob, 'id'));
    await t.post(message(t, ann, 'bob-tran')); // Ann asks Bob first
    await t.deliver();
    const sent = t.connector.sends(bob.conversationId).at(-1);
    expect(executeActions(t.connector.cardOf(sent)).map((a) => a.verb)).toEqual([
      'accept',
      'decline',
      'block',
    ]);
    // Bob clicks [Add to contacts] on Ann's card in the group instead of answering her request.
    expect(cardText(await view(bob, 'add-to-contacts'))).toContain('You and Ann Lee are now contacts.');
    const updates = t.connector.updates(bob.conversationId);
    expect(updates.map((u) => u.activityId)).toEqual([String(sent?.responseId)]);
    const settled = t.connector.cardOf(updates[0]);
    expect(cardText(settled)).toContain('Request from Ann Lee: Accepted');
    expect(executeActions(settled)).toEqual([]);
  });

  it('an invite card for a deleted or unknown owner is refused politely', async () => {
    const res = await t.post(cardAction(t, bob, 'add-to-contacts', { v: 1, ownerId: 'acc_nope' }));
    expect(res.json().value).toContain('This card is out of date.');
  });
});

describe('messaging extension, link unfurling, install', () => {
  let t: TeamsTest;
  beforeEach(async () => {
    t = await teamsServer();
  });
  afterEach(async () => {
    await t.close();
  });

  const invoke = (name: string, value: unknown, from = ann) => ({
    ...reference('compose-extension-anonymous-query-link-invoke.docs.json'),
    name,
    serviceUrl: t.connector.serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: group,
    recipient: { id: BOT_ID, name: 'Chatwork Invite' },
    channelData: { tenant: { id: TENANT }, source: { name: 'compose' } },
    value,
  });

  it('"Share my invite": a preview with Insert, then my invite card for the compose box', async () => {
    const fetch = await t.post(
      invoke('composeExtension/fetchTask', { commandId: 'shareInvite', context: {} }),
    );
    expect(fetch.statusCode).toBe(200);
    const task = fetch.json().task;
    expect(task.type).toBe('continue');
    expect(task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(task.value.card.content)).toContain('Insert');

    const submit = await t.post(
      invoke('composeExtension/submitAction', { commandId: 'shareInvite', data: { insert: true } }),
    );
    const result = submit.json().composeExtension;
    expect(result.type).toBe('result');
    const [attachment] = result.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(executeActions(attachment.content).map((a) => a.verb)).toEqual([
      'add-to-contacts',
      'add-to-contacts',
    ]);
    expect(cardText(attachment.content)).toContain(`${TEST_PUBLIC_URL}/ann-lee`);
  });

  it('unfurls links to PUBLIC_URL with a version 1.3 card; other links get nothing', async () => {
    await t.post(message(t, ann, 'id'));
    const sample = reference('compose-extension-query-link-invoke.docs.json');
    const res = await t.post({
      ...invoke('composeExtension/queryLink', { url: `${TEST_PUBLIC_URL}/ANN-LEE?x=1` }),
      ...{ name: sample.name },
    });
    const [attachment] = res.json().composeExtension.attachments;
    expect(attachment.content.version).toBe('1.3');
    expect(executeActions(attachment.content)).toEqual([]);
    expect(JSON.stringify(attachment.content)).toContain(`${TEST_PUBLIC_URL}/ann-lee`);
    expect(attachment.preview.content.title).toBe('Ann Lee');
    const anonymous = await t.post(
      invoke('composeExtension/anonymousQueryLink', { url: `${TEST_PUBLIC_URL}/ann-lee` }),
    );
    expect(anonymous.json().composeExtension.attachments).toHaveLength(1);
    const foreign = await t.post(
      invoke('composeExtension/queryLink', { url: 'https://evil.example.com/ann-lee' }),
    );
    expect(foreign.json().composeExtension.attachments).toEqual([]);
  });

  it('install (conversationUpdate) stores the conversation, says hello, and gives the first installer the admin section', async () => {
    const res = await t.post({
      type: 'conversationUpdate',
      id: 'cu-1',
      channelId: 'msteams',
      serviceUrl: t.connector.serviceUrl,
      from: { id: ann.id, name: ann.name, aadObjectId: ann.aadObjectId },
      recipient: { id: BOT_ID, name: 'Chatwork Invite' },
      conversation: { conversationType: 'personal', id: ann.conversationId, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, eventType: 'teamMemberAdded' },
      membersAdded: [{ id: BOT_ID }],
      locale: 'ja-JP',
    });
    expect(res.statusCode).toBe(200);
    const hello = t.connector.sends(ann.conversationId);
    expect(hello).toHaveLength(2);
    expect(cardText(t.connector.cardOf(hello[0]))).toContain('こんにちは、Ann Leeさん！');
    // Ann is the first in the tenant to install the app: an admin of its policy (src/flows/admin.ts).
    expect(cardText(t.connector.cardOf(hello[1]))).toContain('組織の Chatwork Invite ポリシー');
    expect(
      await t.store.getRecord('teams_conversation', `user:${TENANT}:${ann.aadObjectId}`, t.clock.now()),
    ).toContain(ann.conversationId);
  });

  it('answers unknown activities and bad bodies without a stack trace', async () => {
    const typing = await t.post({ ...message(t, ann, ''), type: 'typing' });
    expect(typing.statusCode).toBe(200);
    const unknownInvoke = await t.post({ ...invoke('task/fetch', {}), type: 'invoke' });
    expect(unknownInvoke.statusCode).toBe(200);
    const junk = await t.app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.body).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('authentication', () => {
  it('with credentials configured, a request without a token is refused with 401', async () => {
    const t = await teamsServer({
      env: {
        TEAMS_ALLOW_UNAUTHENTICATED: 'false',
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
      },
    });
    // Refused before botbuilder sees it: our own plain answer, nothing on the console.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await t.post(message(t, ann, 'invite'));
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: 'unauthorized',
        message: 'Bot Framework token missing or not valid',
      });
      expect(consoleError).not.toHaveBeenCalled();
      expect(t.connector.calls).toEqual([]);
      expect(
        await t.store.getAccountByIdentity({
          platform: 'teams',
          tenantId: TENANT,
          aadObjectId: ann.aadObjectId,
        }),
      ).toBeNull();
      expect(t.logs.join('\n')).not.toContain('UNAUTHENTICATED');
    } finally {
      consoleError.mockRestore();
      await t.close();
    }
  });

  it('TEAMS_ALLOW_UNAUTHENTICATED=true logs a loud warning', async () => {
    const sink = logSink();
    const t = await teamsServer({ logger: { level: 'warn', stream: sink.stream } });
    try {
      await t.app.ready();
      const warning = sink.lines().find((l) => String(l.msg).includes('UNAUTHENTICATED'));
      expect(warning?.level).toBe(40);
      expect(String(warning?.msg)).toContain(
        'anyone who can reach POST /api/messages can act as any Teams user',
      );
    } finally {
      await t.close();
    }
  });
});
