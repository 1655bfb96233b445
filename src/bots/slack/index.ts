import { App } from '@slack/bolt';
import type { FastifyPluginAsync } from 'fastify';
import type { SlackConfig } from '../../config.js';
import { type CoreDeps, guestHome, noTelemetry, type Telemetry, withinServed } from '../../core/index.js';
import { uncaught } from '../../flows/outcome.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { backgroundWork } from '../../runtime/background.js';
import { deferredLog, type Log, silentLog } from '../../runtime/log.js';
import { RecentKeys } from '../../runtime/recent-keys.js';
import { SlackApi } from './api.js';
import { slackChatworkDelivery } from './chatwork.js';
import type { BotContext } from './context.js';
import { enterpriseOfUser, installationStore, tokenSource } from './installations.js';
import { type Ack, dispatch } from './listeners.js';
import { slackNotifier } from './notifier.js';
import { oauthRoutes } from './oauth.js';
import { parseSlackBody, type SlackInput } from './parse.js';
import { profileCache } from './profiles.js';
import { BOLT_APP_OPTIONS, boltLogger, eventsRoute } from './receiver.js';

export { SLASH_COMMAND } from './commands.js';
export { BOT_SCOPES } from './oauth.js';
export { SLACK_EVENTS } from './parse.js';
export { SLACK_ROUTES } from './receiver.js';

export interface SlackBotOptions {
  config: SlackConfig;
  core: CoreDeps;
  /** SECRET_KEY: encrypts OAuth bot tokens at rest. */
  secretKey: Buffer;
  telemetry?: Telemetry;
}

export type SlackBot = ReturnType<typeof createSlackBot>;

/**
 * The Slack app: HTTP through `eventsRoute` into our fastify server, or Socket Mode through Bolt 5 when
 * SLACK_APP_TOKEN is set; one handler over a parsed payload union, the OAuth install routes when
 * configured, the outbox notifier, and the Chatwork bridge's DMs (`chatwork.ts`) for its poller.
 */
export function createSlackBot(opts: SlackBotOptions) {
  const { config, core } = opts;
  // The fastify logger once the plugin is registered.
  const logRef: { current: Log } = { current: silentLog };
  const log = deferredLog(() => logRef.current);
  const telemetry = opts.telemetry ?? noTelemetry;
  const api = new SlackApi({ apiUrl: config.apiUrl, telemetry, log });
  const installs = config.oauth
    ? installationStore(core.store, opts.secretKey, () => core.clock.now())
    : null;
  const tokens = tokenSource(installs, config.botToken);

  // Resolves when every piece of work started after an ack has finished (tests, graceful shutdown).
  const { track, drain } = backgroundWork(log, 'slack');
  const ctx: BotContext = {
    deps: core,
    api,
    tokens,
    profiles: profileCache(core, api, tokens),
    installs,
    log,
    telemetry,
    later: (task) => void track(task()),
    // Slack refuses a signature older than 5 minutes, so a replayed click is at most that old.
    clicksSeen: new RecentKeys(5 * 60_000, 50_000),
  };

  /**
   * Slack Connect: a guest's click is served by the installation of their own workspace (their
   * organisation comes from it), or finds none: then null, and `notInstalled` tells them.
   */
  async function route(input: SlackInput): Promise<SlackInput | null> {
    if ((input.kind !== 'action' && input.kind !== 'view_submission') || !input.guest) return input;
    const { userId, name } = input.user;
    const own = await installs?.find(input.user);
    if (own) {
      const { enterpriseId: _, ...rest } = input;
      const home = guestHome(input.user, own);
      return { ...rest, ...home, user: { userId, name, ...home } };
    }
    // In a Grid payload, user.team_id may name a member's home workspace, not this one: Slack says whose they are.
    const { teamId, enterpriseId } = input;
    const token = enterpriseId ? await tokens({ teamId, enterpriseId }) : null;
    if (!token || (await enterpriseOfUser(api, token, userId)) !== enterpriseId) return null;
    return { ...input, guest: false, user: { userId, name, teamId, enterpriseId } };
  }
  async function notInstalled(input: SlackInput): Promise<void> {
    if (input.kind !== 'action') return;
    await ctx.profiles.refresh(input.user, input.teamId);
    const { locale } = await ctx.profiles.actor(input.user);
    const text = t(locale ?? 'en', 'slack.connect.not_installed');
    if (input.responseUrl) await api.respond(input.responseUrl, { response_type: 'ephemeral', text });
    telemetry.action('slack', 'click.guest', 'NOT_INSTALLED');
  }
  /** A workspace named without its organisation, while serving a request, is in the request's one. */
  const servedBy = (input: SlackInput): BotContext => {
    if ((input.kind !== 'command' && input.kind !== 'action') || !input.enterpriseId) return ctx;
    const served = { teamId: input.teamId, enterpriseId: input.enterpriseId };
    return { ...ctx, tokens: (ref) => ctx.tokens(withinServed(ref, served)) };
  };

  const logger = boltLogger(log);
  /** Every request is acked exactly once; a bug or an outage still gets an answer, never a 500 or silence. */
  async function handle(body: unknown, boltAck: unknown): Promise<void> {
    let acked = false;
    const ack: Ack = async (response) => {
      if (acked) return;
      acked = true;
      if (typeof boltAck === 'function') await boltAck(response);
    };
    const input = parseSlackBody(body);
    try {
      const routed = await route(input);
      if (routed) return await dispatch(servedBy(routed), routed, ack);
      await ack();
      ctx.later(() => notInstalled(input));
    } catch (e) {
      const said = uncaught(e, log, { platform: 'slack', kind: input.kind });
      await (input.kind === 'command'
        ? ack({ response_type: 'ephemeral', text: renderText('en', said) })
        : ack());
    }
  }
  /** Every body, from HTTP (`eventsRoute`) or Socket Mode (Bolt), goes to `handle`; its work is tracked. */
  const onBody = async (body: unknown, ack: unknown) => {
    await track(handle(body, ack));
  };

  const socketApp = config.appToken
    ? new App({
        socketMode: true,
        appToken: config.appToken,
        logger,
        ...BOLT_APP_OPTIONS,
        // SLACK_API_URL also serves Socket Mode's `apps.connections.open`.
        installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
      })
    : null;
  socketApp?.use((args) => onBody(args.body, Reflect.get(args, 'ack')));

  const plugin: FastifyPluginAsync = async (fastify) => {
    logRef.current = fastify.log;
    await fastify.register(eventsRoute, {
      onBody,
      signingSecret: config.signingSecret,
      clock: core.clock,
      log,
    });
    oauthRoutes(fastify, config, ctx);
    if (socketApp) {
      fastify.addHook('onReady', async () => {
        socketApp.start().then(
          () => log.info({}, 'slack socket mode connected'),
          (e: unknown) => log.error({ err: e }, 'slack socket mode failed to start; check SLACK_APP_TOKEN'),
        );
      });
      fastify.addHook('onClose', () => socketApp.stop().catch(() => {}));
    }
    fastify.addHook('onClose', drain);
  };

  return { plugin, notifier: slackNotifier(ctx), chatwork: slackChatworkDelivery(ctx), drain };
}
