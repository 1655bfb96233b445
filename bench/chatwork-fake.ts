import { startFakeChatwork } from '../test/fakes/chatwork-api.js';

/**
 * The fake Chatwork in a process of its own for `chatwork-poller.ts` (so its work is not counted as the
 * poller's): `BENCH_CHATWORK_PEOPLE` accounts, each with one pending contact request; prints one line
 * `READY <apiUrl> <token,token,…>` and serves until killed.
 */
const people = Number(process.env.BENCH_CHATWORK_PEOPLE ?? 1000);
const cw = await startFakeChatwork();
const tokens: string[] = [];
for (let i = 0; i < people; i++) {
  const account = cw.addAccount({ name: `Person ${i}` });
  cw.addRequest(account.accountId, { name: `Sender of ${i}` });
  tokens.push(account.apiToken);
}
process.stdout.write(`READY ${cw.apiUrl} ${tokens.join(',')}\n`);
process.on('SIGTERM', () => {
  void cw.close().then(() => process.exit(0));
});
