/**
 * A fixed SECRET_KEY for tests that go through `loadConfig` or start the server: 32 distinct bytes, so it
 * passes the entropy check that refuses placeholders like 44 `A`s (src/config.ts).
 */
export const TEST_SECRET_KEY = Buffer.from(
  Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff),
).toString('base64');
