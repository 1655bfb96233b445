import type { Clock, Random, StorePort } from '../core/index.js';
import { chatworkActions } from './actions.js';
import { chatworkApi } from './api.js';
import { chatworkLinking, type Sealer } from './linking.js';
import { oauthClient } from './oauth.js';
import { type ChatworkAnnouncer, type ChatworkMetrics, chatworkPoller, noChatworkMetrics } from './poller.js';
import type { ChatworkSettings } from './settings.js';

export type {
  ApiError,
  ApiResult,
  ChatworkApi,
  ChatworkCredential,
  ChatworkMe,
  IncomingRequest,
} from './api.js';
export type { ChatworkLink } from './link-records.js';
export type { ChatworkLinking, LinkError, Linked, LinkOutcome, Sealer } from './linking.js';
export { REDIRECT_PATH } from './linking.js';
export type { ChatworkAnnouncer, ChatworkMetrics, ChatworkPoller } from './poller.js';
export type { ChatworkSettings } from './settings.js';

/**
 * The whole bridge from its settings, for the composition root: the API client (every call
 * counted through `metrics.apiCall`), linking, the actions on a person's behalf (decide a request,
 * contacts, profile), and the poller (started by the caller, announcing through `announcer`, the
 * chat side's port).
 */
export function createChatworkBridge(deps: {
  settings: ChatworkSettings;
  publicUrl: string;
  store: StorePort;
  clock: Clock;
  random: Random;
  /** `tokenSealer(SECRET_KEY, 'chatwork-token')`. */
  sealer: Sealer;
  announcer: ChatworkAnnouncer;
  metrics?: ChatworkMetrics;
  /** A poll that threw, for the log (never with a token in it). */
  onError?: (error: unknown, personId: string) => void;
}) {
  const metrics = deps.metrics ?? noChatworkMetrics;
  const { settings, store, clock, random } = deps;
  const api = chatworkApi({
    apiUrl: settings.apiUrl,
    clock,
    onCall: (route, status) => metrics.apiCall(route, status),
  });
  const oauth = settings.oauth ? oauthClient({ oauthUrl: settings.oauthUrl, ...settings.oauth }) : null;
  const linking = chatworkLinking({
    store,
    clock,
    random,
    api,
    oauth,
    sealer: deps.sealer,
    publicUrl: deps.publicUrl,
  });
  const poller = chatworkPoller({
    store,
    clock,
    random,
    api,
    linking,
    announcer: deps.announcer,
    intervalMs: settings.pollIntervalMs,
    metrics,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
  return { api, linking, actions: chatworkActions({ api, linking, clock }), poller };
}

export type ChatworkBridge = ReturnType<typeof createChatworkBridge>;

/**
 * What the chat flows use of the bridge (`ChatworkPort` in src/flows/chatwork.ts, matched by shape):
 * linking, deciding a request (each decision reported to `onDecided`, for the metrics), a person's
 * real Chatwork ID, and whether two linked people are Chatwork contacts already.
 */
export function chatPortOf(
  bridge: ChatworkBridge,
  onDecided: (action: 'accept' | 'decline', outcome: string) => void = () => {},
) {
  const { linking, actions } = bridge;
  return {
    startOAuth: linking.startOAuth,
    linkApiToken: linking.linkApiToken,
    disconnect: linking.disconnect,
    async decide(personId: string, requestId: number, action: 'accept' | 'decline') {
      const done = await actions.decide(personId, requestId, action);
      onDecided(action, done.ok ? done.value.action : done.error.code);
      return done;
    },
    async chatworkIdOf(personId: string): Promise<string | null> {
      return (await linking.shownLink(personId))?.chatworkId ?? null;
    },
    async areChatworkContacts(personId: string, otherId: string): Promise<boolean> {
      const [mine, other] = await Promise.all([linking.getLink(personId), linking.getLink(otherId)]);
      if (mine?.status !== 'active' || !other) return false;
      const known = await actions.areContacts(personId, other.accountId);
      return known.ok && known.value;
    },
  };
}
