import { describe, expect, it } from 'vitest';
import { tokenCipher } from '../../src/bots/slack/installations.js';
import { tokenSealer } from '../../src/runtime/sealing.js';

const KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 29 + 3) & 0xff));

describe('tokenSealer (AES-256-GCM under SECRET_KEY, per purpose)', () => {
  it('seals and opens; the sealed text shows nothing of the token and differs every time', () => {
    const s = tokenSealer(KEY, 'chatwork-token');
    const a = s.seal('api-token-123456');
    const b = s.seal('api-token-123456');
    expect(a).not.toBe(b);
    expect(a).not.toContain('api-token');
    expect(a.startsWith('v1.')).toBe(true);
    expect(s.open(a)).toBe('api-token-123456');
  });

  it('another key, another purpose, or a damaged text does not open', () => {
    const sealed = tokenSealer(KEY, 'chatwork-token').seal('secret');
    expect(tokenSealer(Buffer.alloc(32, 1), 'chatwork-token').open(sealed)).toBeNull();
    expect(tokenSealer(KEY, 'slack-token').open(sealed)).toBeNull();
    expect(tokenSealer(KEY, 'chatwork-token').open(`${sealed.slice(0, -2)}AA`)).toBeNull();
    expect(tokenSealer(KEY, 'chatwork-token').open('not sealed')).toBeNull();
  });

  it('is the construction of the Slack installations: each opens what the other sealed for slack-token', () => {
    const slack = tokenCipher(KEY);
    const shared = tokenSealer(KEY, 'slack-token');
    expect(shared.open(slack.seal('xoxb-1'))).toBe('xoxb-1');
    expect(slack.open(shared.seal('xoxb-2'))).toBe('xoxb-2');
  });
});
