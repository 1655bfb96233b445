import { Counter, Gauge, type Registry } from 'prom-client';
import type { ChatworkMetrics } from '../chatwork/index.js';

/** What the chat side reports besides the poller's counters: a request decided from a chat button. */
export interface ChatworkChatMetrics extends ChatworkMetrics {
  decided(action: 'accept' | 'decline', outcome: string): void;
}

/**
 * The Chatwork bridge's counters on the server's Prometheus registry: linked people, polls, API
 * calls (by route and status), 429s, requests announced and decided, links found broken.
 */
export function chatworkPrometheus(registry: Registry): ChatworkChatMetrics {
  const registers = [registry];
  const linked = new Gauge({
    name: 'chatwork_bridge_linked_people',
    help: 'People linked to a Chatwork account and not broken (as of the last poller tick)',
    registers,
  });
  const polls = new Counter({
    name: 'chatwork_bridge_polls_total',
    help: "Reads of one person's GET /incoming_requests, by outcome",
    labelNames: ['outcome'] as const,
    registers,
  });
  const calls = new Counter({
    name: 'chatwork_bridge_api_calls_total',
    help: 'HTTP calls to the Chatwork API, by route pattern and status (0: no answer)',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const limited = new Counter({
    name: 'chatwork_bridge_rate_limited_total',
    help: 'Chatwork API answers 429 (rate limit)',
    registers,
  });
  const announced = new Counter({
    name: 'chatwork_bridge_requests_announced_total',
    help: 'Incoming Chatwork contact requests announced in chat',
    registers,
  });
  const decided = new Counter({
    name: 'chatwork_bridge_requests_decided_total',
    help: 'Incoming Chatwork contact requests decided from a chat button, by action and outcome',
    labelNames: ['action', 'outcome'] as const,
    registers,
  });
  const broken = new Counter({
    name: 'chatwork_bridge_links_broken_total',
    help: 'Links whose token Chatwork refused (the person was told to reconnect)',
    registers,
  });
  return {
    linkedPeople: (n) => linked.set(n),
    polled: (outcome) => polls.inc({ outcome }),
    announced: () => announced.inc(),
    broken: () => broken.inc(),
    apiCall: (route, status) => {
      calls.inc({ route, status: String(status) });
      if (status === 429) limited.inc();
    },
    decided: (action, outcome) => decided.inc({ action, outcome }),
  };
}
