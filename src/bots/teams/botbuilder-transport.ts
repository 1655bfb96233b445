import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import { z } from 'zod';
import type { TeamsConfig } from '../../config.js';
import { type HttpAnswer, post } from '../../runtime/http-post.js';
import { recordOf } from '../../runtime/json.js';
import type { TeamsLogger } from './context.js';
import {
  type ConversationRef,
  NOT_AN_ACTIVITY,
  NOT_VERIFIED,
  type OutboundMessage,
  type SendFailure,
  type SendResult,
  type TeamsTransport,
} from './transport.js';

/**
 * The only file that knows botbuilder (4.23.3, end of support; see README.md): its
 * `ConfigurationBotFrameworkAuthentication` verifies each inbound token, and its credentials sign
 * our calls to the Bot Connector (their token cached; none when unauthenticated). The calls
 * themselves are the connector's documented REST API (`{serviceUrl}/v3/conversations/...`), one
 * keep-alive request each (`runtime/http-post.ts`), not the SDK's connector client and its pipeline.
 */

/** The audience and login endpoint of calls to the public Bot Connector (botbuilder's defaults). */
const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';
const BOT_CONNECTOR_LOGIN = 'https://login.microsoftonline.com/botframework.com';
const CONNECTOR_TIMEOUT_MS = 15_000;
/** A 5xx or network failure is tried once more after this pause (as the SDK's pipeline retried); then the outbox's backoff. */
const RETRY_PAUSE_MS = 250;

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

const answerSchema = z.object({
  id: z.string().min(1).optional(),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});

/** The id a connector's answer names (the sent activity's, the opened conversation's). */
const idIn = (answer: HttpAnswer) => recordOf(answerSchema, answer.body)?.id;

/** Maps the connector's refusal to a value (403 roster/blocked, 429 with Retry-After, 5xx, other). */
function toFailure({ status, headers, body }: HttpAnswer): SendFailure {
  const code = recordOf(answerSchema, body)?.error?.code;
  if (status === 403)
    return {
      kind: 'not_installed',
      code: /MessageWritesBlocked|ConversationBlockedByUser/.exec(body)?.[0] ?? code ?? 'Forbidden',
    };
  if (status === 429) {
    const seconds = Number(headers['retry-after']);
    return seconds > 0 ? { kind: 'throttled', retryAfterMs: seconds * 1000 } : { kind: 'throttled' };
  }
  if (status >= 500) return { kind: 'unavailable', status, message: body.slice(0, 200) };
  return { kind: 'rejected', status, code: code ?? String(status) };
}

/** The message as an activity, as botbuilder's MessageFactory builds it. */
const content = (message: OutboundMessage) =>
  'card' in message
    ? {
        type: 'message',
        attachmentLayout: 'list',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }],
        inputHint: 'acceptingInput',
      }
    : { type: 'message', text: message.text, inputHint: 'acceptingInput' };

/** `{serviceUrl}/v3/conversations[/{id}/...]`, the Bot Connector's REST paths. */
const conversationsUrl = (serviceUrl: string, ...path: string[]) =>
  [`${serviceUrl.replace(/\/+$/, '')}/v3/conversations`, ...path.map(encodeURIComponent)].join('/');

/** How a message is addressed: from the bot to the user, in one conversation (a proactive one, or the turn's). */
type Addressed = {
  serviceUrl: string;
  conversation: { id: string; [k: string]: unknown };
  [k: string]: unknown;
};

const proactive = (ref: ConversationRef): Addressed => ({
  channelId: 'msteams',
  serviceUrl: ref.serviceUrl,
  conversation: {
    id: ref.conversationId,
    conversationType: 'personal',
    tenantId: ref.tenantId,
    isGroup: false,
  },
  from: { id: ref.botId },
  recipient: { id: ref.userId, aadObjectId: ref.aadObjectId },
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

/** What a request body must hold to be a turn; anything less is answered 400 here. */
const activityEnvelope = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().optional(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.string().min(1).max(2000),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.unknown().optional(),
  locale: z.unknown().optional(),
  channelData: z.looseObject({ team: z.looseObject({ id: z.string().min(1) }).optional() }).optional(),
});

type Called = { ok: true; answer: HttpAnswer } | { ok: false; failure: SendFailure };

export function createBotbuilderTransport(config: TeamsConfig, log?: TeamsLogger): TeamsTransport {
  const options = authOptions(config);
  const credentialFactory = new ConfigurationServiceClientCredentialFactory(options);
  const auth = new ConfigurationBotFrameworkAuthentication(options, credentialFactory);
  const appId = config.unauthenticated ? '' : (config.appId ?? '');
  let credentials: ReturnType<typeof credentialFactory.createCredentials> | undefined;

  /** The bearer header botbuilder's credentials sign a connector call with (none when unauthenticated). */
  async function authorization(): Promise<Record<string, string>> {
    credentials ??= credentialFactory
      .createCredentials(appId, BOT_CONNECTOR_AUDIENCE, BOT_CONNECTOR_LOGIN, true)
      .catch((e: unknown) => {
        credentials = undefined;
        throw e;
      });
    const signed: Record<string, string> = {};
    const headers = { set: (name: string, value: string) => (signed[name.toLowerCase()] = value) };
    await (await credentials).signRequest({ headers } as never);
    return signed.authorization ? { authorization: signed.authorization } : {};
  }

  /** One connector call, its failure as a value; a 5xx or network failure is tried once more. */
  async function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<Called> {
    const text = body === undefined ? '' : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      let failure: SendFailure;
      try {
        const headers = { 'content-type': 'application/json', ...(await authorization()) };
        const answer = await post(url, text, headers, CONNECTOR_TIMEOUT_MS, method);
        if (answer.status >= 200 && answer.status < 300) return { ok: true, answer };
        failure = toFailure(answer);
      } catch (e) {
        failure = { kind: 'unavailable', status: null, message: e instanceof Error ? e.message : String(e) };
      }
      if (failure.kind !== 'unavailable' || attempt === 2) return { ok: false, failure };
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }

  /** POSTs a message into the conversation (as a reply when `replyToId`); resolves to its activity id. */
  async function send(to: Addressed, message: OutboundMessage, replyToId?: string): Promise<SendResult> {
    const path = replyToId ? ['activities', replyToId] : ['activities'];
    const url = conversationsUrl(to.serviceUrl, to.conversation.id, ...path);
    const sent = await call('POST', url, { ...content(message), ...to, ...(replyToId ? { replyToId } : {}) });
    return sent.ok ? { ok: true, activityId: idIn(sent.answer) ?? null } : sent;
  }

  async function update(to: Addressed, activityId: string, message: OutboundMessage): Promise<SendResult> {
    const url = conversationsUrl(to.serviceUrl, to.conversation.id, 'activities', activityId);
    const sent = await call('PUT', url, { ...content(message), ...to, id: activityId });
    return sent.ok ? { ok: true, activityId } : sent;
  }

  return {
    async handle(request, logic) {
      const parsed = activityEnvelope.safeParse(request.body);
      if (!parsed.success) return NOT_AN_ACTIVITY;
      const activity = parsed.data;
      const authHeader =
        typeof request.headers.authorization === 'string' ? request.headers.authorization : '';
      try {
        const verified = await auth.authenticateRequest(activity as unknown as Activity, authHeader);
        // As processActivity does: the caller id is botbuilder's, never the sender's.
        activity.callerId = verified.callerId;
      } catch (e) {
        // botbuilder was checking the token: whatever it says stays here.
        log?.info({ reason: e instanceof Error ? e.message : String(e) }, 'teams: token not verified');
        return NOT_VERIFIED;
      }
      // A reply goes back where the activity came from, from its recipient (the bot) to its sender.
      const { channelId, serviceUrl, conversation, locale, from: sender, recipient: bot } = activity;
      const back = { channelId, serviceUrl, conversation, from: bot, recipient: sender };
      if (locale) Object.assign(back, { locale });
      const invoke = await logic({
        activity,
        reply: (message) => send(back, message, activity.id),
        update: (activityId, message) => update(back, activityId, message),
        // As TeamsInfo.getMember: in a team, its roster; elsewhere the conversation's.
        async getMember(id) {
          const where = activity.channelData?.team?.id ?? conversation.id;
          const got = await call('GET', conversationsUrl(serviceUrl, where, 'members', id));
          return got.ok ? recordOf(memberSchema, got.answer.body) : null;
        },
      });
      // As botbuilder's processTurnResults: an invoke left unanswered is 501, anything else 200.
      return invoke ?? { status: activity.type === 'invoke' ? 501 : 200, body: undefined };
    },

    send: (ref, message) => send(proactive(ref), message),

    update: (ref, activityId, message) => update(proactive(ref), activityId, message),

    async openPersonalChat({ serviceUrl, tenantId, botId, aadObjectId }, message) {
      const created = await call('POST', conversationsUrl(serviceUrl), {
        isGroup: false,
        bot: { id: botId },
        members: [{ id: aadObjectId }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      });
      if (!created.ok) return created;
      const conversationId = idIn(created.answer);
      if (!conversationId)
        return { ok: false, failure: { kind: 'unavailable', status: null, message: 'no conversation' } };
      const ref = { serviceUrl, conversationId, tenantId, botId, userId: aadObjectId, aadObjectId };
      const sent = await send(proactive(ref), message);
      return sent.ok ? { ok: true, ref, activityId: sent.activityId } : sent;
    },
  };
}
