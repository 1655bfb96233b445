import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { announceReady } from './ready.js';
import { acceptInline } from './teams-stock-accept.js';

/**
 * Baselines T and T2: a stock botbuilder 4.23.3 `CloudAdapter` + `TeamsActivityHandler` on plain
 * `node:http`, as the Bot Framework samples write one (they use restify or express only to parse the
 * JSON body and give `res.status`/`res.send`; here those few lines are written out).
 *
 * Authentication: none, the same way as our server in the bench and in our Teams tests
 * (`TEAMS_ALLOW_UNAUTHENTICATED=true`): an empty configuration, so CloudAdapter skips JWT validation
 * for a request without an Authorization header. Neither side checks a token.
 *
 * T (BENCH_TEAMS=static, default): every `adaptiveCard/action` invoke is answered with one static card.
 * T2 (BENCH_TEAMS=accept): the Accept done inline (`teams-stock-accept.ts`).
 */
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

const STATIC_CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Bench Owner', weight: 'Bolder', size: 'Medium' },
    { type: 'TextBlock', text: 'Chatwork ID: bench-owner', isSubtle: true, wrap: true },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Add to contacts', verb: 'add-to-contacts', data: { v: 1 } },
    { type: 'Action.OpenUrl', title: 'Open invite page', url: 'https://invite.example.com/bench-owner' },
  ],
};

const accept = process.env.BENCH_TEAMS === 'accept' ? await acceptInline(adapter) : null;

class StockBot extends TeamsActivityHandler {
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const card = accept ? await accept.answer(context, value) : STATIC_CARD;
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}
const bot = new StockBot();

/** What restify's or express's body parser and response helpers give a sample bot. */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function expressLike(res: ServerResponse) {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(body?: unknown) {
      if (body === undefined) return;
      res.setHeader('content-type', 'application/json');
      res.write(typeof body === 'string' ? body : JSON.stringify(body));
    },
    end() {
      res.end();
    },
  };
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.statusCode = 404;
    res.end();
    return;
  }
  readJson(req)
    .then((body) =>
      adapter.process({ body, headers: req.headers, method: req.method }, expressLike(res), (ctx) =>
        bot.run(ctx),
      ),
    )
    .catch(() => {
      if (!res.headersSent) res.statusCode = 400;
      res.end();
    });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
announceReady(
  address && typeof address === 'object' ? address.port : 0,
  accept ? { seedFile: accept.seedFile } : {},
);
