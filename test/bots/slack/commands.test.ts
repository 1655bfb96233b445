import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/bots/slack/values.js';
import { actionsOf, type Harness, type SlackUserRef, slackHarness, TEAM, textOf } from './support.js';

let h: Harness;
let ann: SlackUserRef;
let bob: SlackUserRef;
let carol: SlackUserRef;
const idOf = (userId: string) => ({ platform: 'slack' as const, teamId: TEAM, userId });

beforeAll(async () => {
  h = await slackHarness();
  ann = h.user('UANN', 'Ann Lee', { email: 'ann@example.com' });
  bob = h.user('UBOB', 'Bob Stone', { email: 'bob@example.com' });
  carol = h.user('UCAROL', 'Carol King');
  // Warm the profile cache: the first command of a user may only know the payload's user name.
  for (const u of [ann, bob, carol]) await h.command(u, 'help');
});
afterAll(async () => h.close());

const handleOf = async (userId: string) => (await h.store.getAccountByIdentity(idOf(userId)))?.handle ?? '';

describe('/chatwork-invite grammar, every form', () => {
  it('(empty) posts my invite card in the channel with [Add to contacts]', async () => {
    const r = await h.command(ann, '');
    expect(r.status).toBe(200);
    expect(r.response_type).toBe('in_channel');
    const handle = await handleOf('UANN');
    expect(handle).toBe('ann-lee');
    expect(textOf(r.blocks)).toContain('*Ann Lee* invites you to connect.');
    expect(textOf(r.blocks)).toContain(`https://invite.example.com/${handle}`);
    expect(actionsOf(r.blocks).map((a) => a.action_id)).toEqual([ACTION.add, ACTION.addNote]);
  });

  it('link: only to me, my link and its QR code', async () => {
    const r = await h.command(ann, 'link');
    expect(r.response_type).toBe('ephemeral');
    expect(textOf(r.blocks)).toContain('https://invite.example.com/ann-lee');
    expect(r.blocks?.find((b) => b.type === 'image')?.image_url).toBe(
      'https://invite.example.com/ann-lee/qr.png',
    );
  });

  it('id and id set: show and change my handle, with usage for malformed input', async () => {
    expect((await h.command(bob, 'id')).text).toContain('*bob-stone*');
    const changed = await h.command(bob, 'id set bobby_s');
    expect(changed.text).toContain('`bobby_s`');
    expect(changed.text).toContain('`bob-stone`');
    expect(await handleOf('UBOB')).toBe('bobby_s');
    expect((await h.command(bob, 'id set')).text).toContain('`id set`');
    expect((await h.command(bob, 'id set a b')).text).toContain('`id set`');
    expect((await h.command(bob, 'id set x!')).text).toContain('4–32 characters');
    expect((await h.command(bob, 'id set admin')).text).toContain('reserved');
    expect((await h.command(bob, 'id whatever')).text).toContain('/chatwork-invite id set');
    expect(await handleOf('UBOB')).toBe('bobby_s');
  });

  it('@user [note] sends a request with the note; a second one says it is pending', async () => {
    const r = await h.command(ann, '<@UBOB|bob> hello from the meetup');
    expect(r.response_type).toBe('ephemeral');
    expect(r.text).toBe('Request sent to Bob Stone. You will be told when they accept.');
    const page = await h.store.listRequests({
      accountId: (await h.store.getAccountByIdentity(idOf('UBOB')))!.id,
      direction: 'incoming',
      now: h.clock.now(),
      limit: 5,
    });
    expect(page.items[0]?.note).toBe('hello from the meetup');
    expect(page.items[0]?.source).toBe('mention');
    expect(page.items[0]?.context).toBe('#general · acme');
    expect((await h.command(ann, '<@UBOB>')).text).toBe('Your request to Bob Stone is pending.');
  });

  it('an @mention of someone we have never seen: acked at once, their profile read, registered unclaimed (no handle until they act), request sent', async () => {
    h.user('UDAN', 'Dan Brown', { locale: 'vi-VN' });
    const r = await h.command(carol, '<@UDAN|dan> hi');
    expect(r.raw).toBe('');
    expect(h.slack.responses.at(-1)?.body.text).toContain(
      'Request sent to Dan Brown; it waits until they open Chatwork Invite.',
    );
    const dan = await h.store.getAccountByIdentity(idOf('UDAN'));
    expect(dan?.handle).toBe('');
    expect(dan?.locale).toBe('vi');
    await h.command({ id: 'UDAN' }, 'requests');
    expect(await handleOf('UDAN')).toBe('dan-brown');
  });

  it('email [note] looks the person up after the ack and answers on response_url', async () => {
    h.slack.reset();
    const r = await h.command(carol, 'bob@example.com see you');
    expect(r.status).toBe(200);
    expect(r.raw).toBe('');
    expect(h.slack.callsTo('users.lookupByEmail')[0]?.args.email).toBe('bob@example.com');
    expect(h.slack.responses.at(-1)?.body.text).toBe(
      'Request sent to Bob Stone. You will be told when they accept.',
    );
    await h.command(carol, 'nobody@example.com');
    expect(h.slack.responses.at(-1)?.body.text).toBe(
      'No one in this workspace has the email address nobody@example.com.',
    );
    h.slack.failNext('users.lookupByEmail', { status: 503 });
    await h.command(carol, '<mailto:ann@example.com|ann@example.com>');
    expect(h.slack.responses.at(-1)?.body.text).toContain('try again');
  });

  it('<handle or link> [note] sends a request, in any case, with or without Slack link markup', async () => {
    h.user('UERIN', 'Erin Wu');
    await h.command({ id: 'UERIN' }, 'id set erin-wu');
    expect((await h.command(ann, 'ERIN-WU hi')).text).toContain('Request sent to Erin Wu');
    expect(
      (await h.command(ann, '<https://invite.example.com/erin-wu|invite.example.com/erin-wu>')).text,
    ).toContain('pending');
    expect((await h.command(ann, 'https://invite.example.com/erin-wu')).text).toContain('pending');
    expect((await h.command(ann, 'https://evil.example.org/erin-wu')).text).toContain(
      'not a Chatwork Invite link',
    );
    expect((await h.command(ann, 'no-such-person')).text).toContain('/chatwork-invite help');
    expect((await h.command(ann, 'ann-lee')).text).toBe('This is your invite link.');
    const long = 'x'.repeat(301);
    expect((await h.command(ann, `<@UCAROL> ${long}`)).text).toContain('301');
  });

  it('requests lists incoming (Accept/Decline/Block) and sent (Withdraw)', async () => {
    const r = await h.command(bob, 'requests');
    expect(r.response_type).toBe('ephemeral');
    const ids = actionsOf(r.blocks).map((a) => a.action_id);
    expect(ids).toEqual(expect.arrayContaining([ACTION.accept, ACTION.decline, ACTION.more]));
    expect(textOf(r.blocks)).toContain('*Ann Lee*');
    const sent = await h.command(ann, 'requests');
    expect(actionsOf(sent.blocks).some((a) => a.action_id === ACTION.withdraw)).toBe(true);
    expect(textOf(sent.blocks)).toContain('No incoming requests.');
  });

  it('contacts lists my contacts with Message and Remove', async () => {
    expect(textOf((await h.command(bob, 'contacts')).blocks)).toContain('no contacts yet');
    await h.command(bob, '<@UANN>'); // the opposite request connects both at once
    const r = await h.command(bob, 'contacts');
    expect(textOf(r.blocks)).toContain('*Ann Lee*');
    const overflow = r.blocks?.flatMap((b) =>
      b.accessory ? [b.accessory as Record<string, unknown>] : [],
    )[0];
    const options = overflow?.options as Array<Record<string, unknown>>;
    expect(options[0]?.url).toBe(`https://slack.com/app_redirect?team=${TEAM}&channel=UANN`);
    expect(actionsOf(r.blocks).some((a) => a.value.includes('"remove"'))).toBe(true);
  });

  it('find <query> honours the opt-out; find alone explains itself', async () => {
    const r = await h.command(carol, 'find erin');
    expect(textOf(r.blocks)).toContain('*Erin Wu*');
    expect(actionsOf(r.blocks)[0]?.action_id).toBe(ACTION.add);
    const erin = await h.store.getAccountByIdentity(idOf('UERIN'));
    await h.store.updateProfile({ accountId: erin!.id, searchable: false });
    expect((await h.command(carol, 'find erin')).text).toContain('No one found');
    expect((await h.command(carol, 'find')).text).toContain('`find`');
  });

  it('withdraw, remove and block <who>, with usage and clear errors', async () => {
    expect((await h.command(ann, 'withdraw')).text).toContain('`withdraw`');
    expect((await h.command(ann, 'withdraw <@UERIN> extra')).text).toContain('`withdraw`');
    await h.command(ann, 'withdraw <@UNOBODY>');
    expect(h.slack.responses.at(-1)?.body.text).toBe('You have no pending request to that person.');
    expect((await h.command(ann, 'withdraw erin-wu')).text).toBe('Request to Erin Wu withdrawn.');
    expect((await h.command(ann, 'withdraw erin-wu')).text).toBe(
      'You have no pending request to that person.',
    );
    expect((await h.command(ann, 'remove <@UCAROL>')).text).toBe('That person is not in your contacts.');
    expect((await h.command(ann, 'remove <@UBOB>')).text).toBe('Bob Stone was deleted from your contacts.');
    expect((await h.command(ann, 'block <@UDAN>')).text).toContain('Blocked. Dan Brown');
    expect((await h.command(ann, 'block')).text).toContain('`block`');
    expect((await h.command(ann, 'remove')).text).toContain('`remove`');
  });

  it('web gives a one-time sign-in link; help explains everything', async () => {
    const r = await h.command(ann, 'web');
    const button = (r.blocks?.[1]?.elements as Array<Record<string, unknown>> | undefined)?.[0];
    expect(String(button?.url)).toMatch(/^https:\/\/invite\.example\.com\/signin\?token=[A-Za-z0-9_-]{20,}$/);
    const help = await h.command(ann, 'help');
    for (const word of [
      'link',
      'id set',
      'requests',
      'contacts',
      'find',
      'withdraw',
      'remove',
      'block',
      'web',
    ])
      expect(help.text).toContain(word);
  });

  it('unknown input says what was wrong and how to write it; never a 500 or silence', async () => {
    for (const text of ['<#C123|general>', '<!channel>', 'id set !!!', '   ', 'withdraw <#C1>']) {
      const r = await h.command(ann, text);
      expect(r.status).toBe(200);
      expect((r.text ?? '').length).toBeGreaterThan(10);
    }
    expect((await h.command(ann, '<#C123|general>')).text).toContain('/chatwork-invite help');
  });
});
