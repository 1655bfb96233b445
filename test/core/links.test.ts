import { describe, expect, it } from 'vitest';
import { buildInviteLink, parseInviteTarget, sameHandle } from '../../src/core/links.js';

const BASE = 'https://invite.example.com';

describe('buildInviteLink', () => {
  it.each([
    [BASE, 'Alice', 'https://invite.example.com/Alice'],
    [`${BASE}/`, 'alice', 'https://invite.example.com/alice'],
    ['https://example.com/invite', 'bob-1', 'https://example.com/invite/bob-1'],
    ['https://example.com/invite//?x=1#f', 'bob-1', 'https://example.com/invite/bob-1'],
    ['http://localhost:3000', 'carol_c', 'http://localhost:3000/carol_c'],
  ])('%s + %s → %s', (publicUrl, handle, link) => {
    expect(buildInviteLink(publicUrl, handle)).toBe(link);
  });

  it('round-trips through parseInviteTarget', () => {
    for (const base of [BASE, 'https://example.com/invite/', 'http://localhost:3000']) {
      expect(parseInviteTarget(buildInviteLink(base, 'Alice_W'), base)).toEqual({
        ok: true,
        value: 'Alice_W',
      });
    }
  });
});

describe('parseInviteTarget', () => {
  it.each([
    ['https://invite.example.com/Alice', 'Alice'],
    ['HTTPS://INVITE.EXAMPLE.COM/Alice', 'Alice'],
    ['https://Invite.Example.com/alice/', 'alice'],
    ['https://invite.example.com/alice///', 'alice'],
    ['https://invite.example.com/alice?utm_source=slack', 'alice'],
    ['https://invite.example.com/alice#top', 'alice'],
    ['https://invite.example.com/alice/?a=1#b', 'alice'],
    ['http://invite.example.com/alice', 'alice'],
    ['invite.example.com/alice', 'alice'],
    ['https://invite.example.com/%41lice', 'Alice'],
    ['  https://invite.example.com/alice  ', 'alice'],
    ['alice', 'alice'],
    ['Alice_W', 'Alice_W'],
    ['@alice', 'alice'],
    ['  @Bob-1 ', 'Bob-1'],
  ])('%j → %j', (input, handle) => {
    expect(parseInviteTarget(input, BASE)).toEqual({ ok: true, value: handle });
  });

  it.each([
    ['https://evil.example.net/alice', 'evil.example.net'],
    ['evil.example.net/alice', 'evil.example.net'],
    ['https://invite.example.com:8443/alice', 'invite.example.com:8443'],
    ['https://example.com/alice', 'example.com'],
  ])('refuses a link to another host: %j', (input, host) => {
    expect(parseInviteTarget(input, BASE)).toEqual({ ok: false, error: { code: 'LINK_FOREIGN_HOST', host } });
  });

  it.each([
    ['https://invite.example.com/', 'HANDLE_INVALID'],
    ['https://invite.example.com/alice/qr.svg', 'HANDLE_INVALID'],
    ['https://invite.example.com/%E0%A4%A', 'HANDLE_INVALID'],
    ['https://invite.example.com/healthz', 'HANDLE_RESERVED'],
    ['al', 'HANDLE_INVALID'],
    ['@', 'HANDLE_INVALID'],
    ['not a handle', 'HANDLE_INVALID'],
    ['admin', 'HANDLE_RESERVED'],
  ])('refuses %j with %s', (input, code) => {
    const res = parseInviteTarget(input, BASE);
    expect(res.ok === false && res.error.code).toBe(code);
  });

  describe('PUBLIC_URL with a path prefix', () => {
    const PREFIXED = 'https://example.com/invite/';
    it.each([
      ['https://example.com/invite/alice', 'alice'],
      ['https://example.com/INVITE/Alice/', 'Alice'],
      ['example.com/invite/alice?x#y', 'alice'],
      ['alice', 'alice'],
    ])('%j → %j', (input, handle) => {
      expect(parseInviteTarget(input, PREFIXED)).toEqual({ ok: true, value: handle });
    });

    it.each([
      'https://example.com/alice',
      'https://example.com/invitealice',
      'https://example.com/other/alice',
    ])('refuses %j, outside the prefix', (input) => {
      expect(parseInviteTarget(input, PREFIXED).ok).toBe(false);
    });
  });

  it('sameHandle ignores case only', () => {
    expect(sameHandle('Alice', 'aLICE')).toBe(true);
    expect(sameHandle('alice', 'alice2')).toBe(false);
  });
});
