import {
  type Activity,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConversationReference,
  MessageFactory,
  TeamsInfo,
  TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { TeamsConfig } from '../../config.js';
import type { TeamsLogger } from './context.js';
import type {
  ConversationRef,
  HttpAnswer,
  InboundTurn,
  OutboundMessage,
  SendFailure,
  SendResult,
  TeamsTransport,
} from './transport.js';

/**
 * The only file that knows botbuilder (4.23.3, end of support; see README.md). It hosts
 * CloudAdapter behind `TeamsTransport`, running each turn itself and answering its invoke.
 */

/** The audience of outgoing calls to the public Bot Connector. */
const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/** Empty options disable botbuilder's auth: only ever with the explicit unauthenticated flag. */
function authOptions(config: TeamsConfig) {
  if (config.unauthenticated) return {};
  if (!config.appId)
    throw new Error('Teams needs MicrosoftAppId (or TEAMS_ALLOW_UNAUTHENTICATED=true for local tests)');
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType,
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  };
}

const restErrorSchema = z.object({
  statusCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  details: z.unknown().optional(),
  response: z.object({ headers: z.unknown().optional(), bodyAsText: z.string().optional() }).optional(),
});

function retryAfterMs(headers: unknown): number | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const get = Reflect.get(headers, 'get');
  const raw =
    typeof get === 'function' ? get.call(headers, 'retry-after') : Reflect.get(headers, 'retry-after');
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** Maps what the connector client threw to a value (403 roster/blocked, 429, 5xx, other). */
export function toFailure(e: unknown): SendFailure {
  const parsed = restErrorSchema.safeParse(e);
  const info = parsed.success ? parsed.data : {};
  const status = info.statusCode ?? null;
  const text = `${info.code ?? ''} ${info.message ?? ''} ${info.response?.bodyAsText ?? ''}`;
  if (status === 403) {
    const code = /MessageWritesBlocked|ConversationBlockedByUser/.exec(text)?.[0] ?? info.code ?? 'Forbidden';
    return { kind: 'not_installed', code };
  }
  if (status === 429) {
    const after = retryAfterMs(info.response?.headers);
    return after === undefined ? { kind: 'throttled' } : { kind: 'throttled', retryAfterMs: after };
  }
  if (status === null || status >= 500)
    return { kind: 'unavailable', status, message: e instanceof Error ? e.message : String(e) };
  return { kind: 'rejected', status, code: info.code ?? String(status) };
}

function toActivity(message: OutboundMessage): Partial<Activity> {
  return 'card' in message
    ? MessageFactory.attachment(CardFactory.adaptiveCard(message.card))
    : MessageFactory.text(message.text);
}

/** One connector call (it resolves to the activity's id), its failure as a value. */
async function attempt(call: () => Promise<string | null>): Promise<SendResult> {
  try {
    return { ok: true, activityId: await call() };
  } catch (e) {
    return { ok: false, failure: toFailure(e) };
  }
}

/** A turn's context, made when first needed (an invoke answered inline never needs one). */
type ContextOf = () => Promise<TurnContext>;

const sendIn = (ctx: ContextOf, message: OutboundMessage) =>
  attempt(async () => (await (await ctx()).sendActivity(toActivity(message)))?.id ?? null);

const updateIn = (ctx: ContextOf, activityId: string, message: OutboundMessage) =>
  attempt(async () => {
    await (await ctx()).updateActivity({ ...toActivity(message), id: activityId });
    return activityId;
  });

const memberSchema = z
  .object({
    id: z.string(),
    aadObjectId: z.string().min(1),
    name: z.string().default(''),
    email: z.string().nullish(),
    userPrincipalName: z.string().nullish(),
  })
  .transform(({ userPrincipalName, ...m }) => ({ ...m, email: m.email ?? userPrincipalName ?? null }));

function toReference(ref: ConversationRef): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: ref.serviceUrl,
    conversation: {
      id: ref.conversationId,
      conversationType: 'personal',
      tenantId: ref.tenantId,
      isGroup: false,
      name: '',
    },
    bot: { id: ref.botId, name: '' },
    user: { id: ref.userId, aadObjectId: ref.aadObjectId, name: '' },
  };
}

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/**
 * CloudAdapter, authenticating with its own `authenticateRequest` (its `process()` would answer a bad
 * token in botbuilder's words). `processActivity` builds a connector client (an HTTP pipeline) and a
 * user-token client every turn; `contextFor` builds the same turn context (its private
 * `createTurnContext`, key by key), which `handle` asks for only when the turn sends or reads.
 */
class TurnAdapter extends CloudAdapter {
  constructor(readonly auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }
  async contextFor(activity: Activity, auth: AuthenticateRequestResult): Promise<TurnContext> {
    const connector = await auth.connectorFactory?.create(activity.serviceUrl, auth.audience);
    if (!connector) throw new Error('Unable to extract ConnectorClient from turn context.');
    const ctx = new TurnContext(this, activity);
    ctx.turnState.set(this.BotIdentityKey, auth.claimsIdentity);
    ctx.turnState.set(this.ConnectorClientKey, connector);
    ctx.turnState.set(this.UserTokenClientKey, await this.auth.createUserTokenClient(auth.claimsIdentity));
    ctx.turnState.set(this.ConnectorFactoryKey, auth.connectorFactory);
    ctx.turnState.set(this.OAuthScopeKey, auth.audience);
    return ctx;
  }
}

/** What botbuilder needs of a request body to run a turn; anything less is answered 400 here. */
const activityEnvelope = z.looseObject({
  type: z.string().min(1).max(100),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.string().min(1).max(2000),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }),
});

/** As botbuilder's own `process()` does: dates arrive as strings, the SDK wants them as `Date`s. */
function asActivity(body: z.infer<typeof activityEnvelope>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

const refusal = (status: number, error: string, message: string): HttpAnswer => ({
  status,
  headers: {},
  body: { error, message },
});
const NOT_AN_ACTIVITY = refusal(400, 'bad_request', 'Not a Bot Framework activity');
const NOT_VERIFIED = refusal(401, 'unauthorized', 'Bot Framework token missing or not valid');

export function createBotbuilderTransport(config: TeamsConfig, log?: TeamsLogger): TeamsTransport {
  const options = authOptions(config);
  const adapter = new TurnAdapter(
    new ConfigurationBotFrameworkAuthentication(
      options,
      new ConfigurationServiceClientCredentialFactory(options),
    ),
  );
  const appId = config.unauthenticated ? '' : (config.appId ?? '');

  /** Runs `logic` inside a proactive turn; errors come back as values (no onTurnError swallowing). */
  async function proactive(ref: ConversationRef, logic: (ctx: ContextOf) => Promise<SendResult>) {
    let result: SendResult = {
      ok: false,
      failure: { kind: 'unavailable', status: null, message: 'turn did not run' },
    };
    try {
      await adapter.continueConversationAsync(appId, toReference(ref), async (ctx) => {
        result = await logic(async () => ctx);
      });
    } catch (e) {
      return { ok: false, failure: toFailure(e) } satisfies SendResult;
    }
    return result;
  }

  return {
    async handle(request, logic) {
      const parsed = activityEnvelope.safeParse(request.body);
      if (!parsed.success) return NOT_AN_ACTIVITY;
      const activity = asActivity(parsed.data);
      const authHeader =
        typeof request.headers.authorization === 'string' ? request.headers.authorization : '';
      let auth: AuthenticateRequestResult;
      try {
        auth = await adapter.auth.authenticateRequest(activity, authHeader);
      } catch (e) {
        // botbuilder was checking the token: whatever it says stays here.
        log?.info({ reason: e instanceof Error ? e.message : String(e) }, 'teams: token not verified');
        return NOT_VERIFIED;
      }
      // As processActivity does: the caller id is botbuilder's, never the sender's.
      Object.assign(activity, { callerId: auth.callerId });
      let made: Promise<TurnContext> | undefined;
      const ctx: ContextOf = () => (made ??= adapter.contextFor(activity, auth));
      const turn: InboundTurn = {
        activity,
        reply: (message) => sendIn(ctx, message),
        update: (activityId, message) => updateIn(ctx, activityId, message),
        getMember: async (id) => {
          try {
            const found = memberSchema.safeParse(await TeamsInfo.getMember(await ctx(), id));
            return found.success ? found.data : null;
          } catch {
            return null;
          }
        },
      };
      const invoke = await logic(turn);
      // As botbuilder's processTurnResults: an invoke left unanswered is 501, anything else 200.
      if (invoke) return { status: invoke.status, headers: {}, body: invoke.body };
      return { status: activity.type === 'invoke' ? 501 : 200, headers: {}, body: undefined };
    },

    send: (ref, message) => proactive(ref, (ctx) => sendIn(ctx, message)),

    update: (ref, activityId, message) => proactive(ref, (ctx) => updateIn(ctx, activityId, message)),

    async openPersonalChat(target, message) {
      const box: { done: { ref: ConversationRef; result: SendResult } | null } = { done: null };
      try {
        await adapter.createConversationAsync(
          appId,
          'msteams',
          target.serviceUrl,
          BOT_CONNECTOR_AUDIENCE,
          {
            isGroup: false,
            bot: { id: target.botId, name: '' },
            members: [{ id: target.aadObjectId, name: '' }],
            tenantId: target.tenantId,
            channelData: { tenant: { id: target.tenantId } },
          },
          async (ctx) => {
            const ref: ConversationRef = {
              serviceUrl: target.serviceUrl,
              conversationId: ctx.activity.conversation.id,
              tenantId: target.tenantId,
              botId: target.botId,
              userId: target.aadObjectId,
              aadObjectId: target.aadObjectId,
            };
            box.done = { ref, result: await sendIn(async () => ctx, message) };
          },
        );
      } catch (e) {
        return { ok: false, failure: toFailure(e) };
      }
      const { done } = box;
      if (!done)
        return { ok: false, failure: { kind: 'unavailable', status: null, message: 'no conversation' } };
      return done.result.ok
        ? { ok: true, ref: done.ref, activityId: done.result.activityId }
        : { ok: false, failure: done.result.failure };
    },
  };
}
