import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, RouteShorthandOptions } from 'fastify';
import type { TeamsConfig } from '../../config.js';
import { assertNever, type CoreDeps, noTelemetry, type Telemetry } from '../../core/index.js';
import { uncaught } from '../../flows/outcome.js';
import { renderText } from '../../i18n/text.js';
import { messageAnswer, onCardAction, onQueryLink, onShare } from './actions.js';
import { parseActivity } from './activity.js';
import { createBotbuilderTransport } from './botbuilder-transport.js';
import { teamsChatworkDelivery } from './chatwork.js';
import type { BotContext, TeamsLogger } from './context.js';
import { conversations } from './conversations.js';
import { onInstalled, onMessage } from './messages.js';
import { createTeamsNotifier } from './notifier.js';
import { type InboundTurn, type InvokeAnswer, NOT_VERIFIED } from './transport.js';

interface TeamsBotOptions {
  config: TeamsConfig;
  core: CoreDeps;
  telemetry?: Telemetry;
  logger: TeamsLogger;
  /** Requests per minute per client IP to `POST /api/messages` (TEAMS_RATE_LIMIT_PER_MINUTE); none when omitted. */
  rateLimitPerMinute?: number;
}

/**
 * The largest activity accepted. Teams caps a message at about 28 KB of text and a card at about
 * 40 KB; an invoke carries a card's data. 256 KB leaves room and keeps a flood cheap.
 */
const TEAMS_BODY_LIMIT = 256 * 1024;

const UNAUTHENTICATED_WARNING =
  '!!! TEAMS IS RUNNING UNAUTHENTICATED (TEAMS_ALLOW_UNAUTHENTICATED=true): anyone who can reach ' +
  'POST /api/messages can act as any Teams user. Use this only for local development and tests; ' +
  'set MicrosoftAppId and MicrosoftAppPassword in production. !!!';

/**
 * The Microsoft Teams app: `plugin` serves `POST /api/messages`, `notifier` delivers outbox events
 * to Teams users, `chatwork` sends the Chatwork bridge's personal cards (`chatwork.ts`). botbuilder
 * stays behind `TeamsTransport` (see README.md).
 */
export function createTeamsBot(opts: TeamsBotOptions) {
  const { config, core, logger: log, telemetry = noTelemetry } = opts;
  const transport = createBotbuilderTransport(config, log);
  const convs = conversations(core);
  const ctx: BotContext = { core, convs, transport, telemetry, log, admins: config.admins };
  const logic = (turn: InboundTurn) => route(ctx, turn);

  const plugin: FastifyPluginAsync = async (app) => {
    if (config.unauthenticated) app.log.warn({ teams: 'unauthenticated' }, UNAUTHENTICATED_WARNING);
    const limit = opts.rateLimitPerMinute;
    if (limit) await app.register(rateLimit, { global: false });
    const routeOptions: RouteShorthandOptions = {
      helmet: false,
      bodyLimit: TEAMS_BODY_LIMIT,
      config: limit ? { rateLimit: { max: limit, timeWindow: 60_000 } } : {},
      // After the rate limit, before the body is read: without a token there is nothing to verify.
      preParsing: async (request, reply, payload) =>
        config.unauthenticated || request.headers.authorization
          ? payload
          : reply.status(NOT_VERIFIED.status).send(NOT_VERIFIED.body),
    };
    app.post('/api/messages', routeOptions, async (request, reply) => {
      const answer = await transport.handle(request, logic);
      return reply.code(answer.status).send(answer.body);
    });
  };

  return { plugin, notifier: createTeamsNotifier(ctx), chatwork: teamsChatworkDelivery(ctx) };
}

/**
 * One activity to its handler. A store outage is answered, in the person's language, with
 * "temporarily unavailable", and a bug with "something went wrong" (and logged as an error): as the
 * invoke's message, or as a reply to a message. Never a 500 with the driver's words in it.
 */
async function route(ctx: BotContext, turn: InboundTurn): Promise<InvokeAnswer | undefined> {
  const inbound = parseActivity(turn.activity);
  try {
    switch (inbound.kind) {
      case 'message':
        await onMessage(ctx, turn, inbound);
        return undefined;
      case 'card_action':
        return await onCardAction(ctx, turn, inbound);
      case 'share_fetch':
      case 'share_submit':
        return await onShare(ctx, inbound);
      case 'query_link':
        return await onQueryLink(ctx, inbound.url, inbound.locale);
      case 'installed':
        await onInstalled(ctx, turn, inbound);
        return undefined;
      case 'uninstalled':
        await ctx.convs.deleteRef(inbound.actor.identity);
        return undefined;
      case 'unsupported':
        ctx.log.info({ reason: inbound.reason }, 'teams: activity ignored');
        return inbound.invoke ? { status: 200, body: {} } : undefined;
      default:
        return assertNever(inbound);
    }
  } catch (e) {
    const said = uncaught(e, ctx.log, { platform: 'teams', store: ctx.core.store.kind });
    const text = renderText('locale' in inbound ? inbound.locale : 'en', said);
    if (Reflect.get(Object(turn.activity), 'type') === 'invoke') return messageAnswer(text);
    await turn.reply({ text }).catch(() => undefined);
    return undefined;
  }
}
