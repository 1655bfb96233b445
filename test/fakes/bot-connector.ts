import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Bot Connector (Teams' side of the Bot Framework REST API) on 127.0.0.1, random port.
 * Put `connector.serviceUrl` into the activities a test posts; every outgoing call the bot makes
 * then lands here and is recorded.
 *
 *   const connector = await startFakeConnector();
 *   connector.addMember('a:conv', { id: '29:ann', aadObjectId: 'aad-ann', name: 'Ann' });
 *   connector.failNext({ status: 403, body: { error: { code: 'BotNotInConversationRoster', … } } });
 *   ... connector.calls  ({ method, path, conversationId, activityId, body, auth })
 *   ... connector.sends() / connector.updates() / connector.creates()
 *   await connector.close();
 *
 * Routes (as the connector answers them):
 * - POST /v3/conversations                          → { id: 'a:new-…', activityId }
 * - POST /v3/conversations/{id}/activities[/{aid}]  → { id: 'act-N' }
 * - PUT  /v3/conversations/{id}/activities/{aid}    → { id: aid }
 * - GET  /v3/conversations/{id}/members/{uid}       → the member, or 404 MemberNotFoundInConversation
 */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string | null;
  /** The activity id in the path (replyToId for POST, the updated id for PUT). */
  activityId: string | null;
  body: Record<string, unknown>;
  auth: string | null;
  /** The id the fake answered with (`act-N`, or the new conversation id), when it succeeded. */
  responseId: string | null;
}

export interface FakeMember {
  id: string;
  aadObjectId: string;
  name: string;
  userPrincipalName?: string;
  email?: string;
}

export interface Failure {
  status: number;
  body?: unknown;
  retryAfter?: number;
  /** Only calls whose path contains this fail (default: any POST/PUT). */
  pathIncludes?: string;
}

export interface FakeConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  sends(conversationId?: string): ConnectorCall[];
  updates(conversationId?: string): ConnectorCall[];
  creates(): ConnectorCall[];
  /** The Adaptive Card of a recorded send or update. */
  cardOf(call: ConnectorCall | undefined): Record<string, unknown> | null;
  addMember(conversationId: string, member: FakeMember): void;
  failNext(failure: Failure, times?: number): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, FakeMember[]>();
  const failures: Failure[] = [];
  let n = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const body = await readJson(req);
      const method = req.method ?? 'GET';
      const conversationId = parts[0] === 'v3' && parts[1] === 'conversations' ? (parts[2] ?? null) : null;
      const activityId = parts[3] === 'activities' ? (parts[4] ?? null) : null;
      const call: ConnectorCall = {
        method,
        path: url.pathname,
        conversationId,
        activityId,
        body,
        auth: req.headers.authorization ?? null,
        responseId: null,
      };
      const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      if (method === 'GET' && parts[3] === 'members' && conversationId) {
        const wanted = parts[4] ?? '';
        const found = (members.get(conversationId) ?? []).find(
          (m) => m.id === wanted || m.aadObjectId === wanted || m.userPrincipalName === wanted,
        );
        if (found) return answer(200, found);
        return answer(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      }
      calls.push(call);
      const failIndex = failures.findIndex((f) => !f.pathIncludes || url.pathname.includes(f.pathIncludes));
      const failure = failIndex >= 0 ? failures.splice(failIndex, 1)[0] : undefined;
      if (failure) {
        const headers: Record<string, string> = failure.retryAfter
          ? { 'retry-after': String(failure.retryAfter) }
          : {};
        return answer(
          failure.status,
          failure.body ?? { error: { code: 'Failure', message: 'injected' } },
          headers,
        );
      }
      if (method === 'POST' && parts.length === 2) {
        call.responseId = `a:new-${randomUUID()}`;
        return answer(201, { id: call.responseId, activityId: `act-${++n}` });
      }
      if (method === 'PUT') {
        call.responseId = activityId;
        return answer(200, { id: activityId });
      }
      if (method === 'POST') {
        call.responseId = `act-${++n}`;
        return answer(200, { id: call.responseId });
      }
      return answer(404, { error: { code: 'NotFound' } });
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const isActivityCall = (c: ConnectorCall) => c.path.includes('/activities');
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    sends: (cid) =>
      calls.filter((c) => c.method === 'POST' && isActivityCall(c) && (!cid || c.conversationId === cid)),
    updates: (cid) => calls.filter((c) => c.method === 'PUT' && (!cid || c.conversationId === cid)),
    creates: () => calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations'),
    cardOf(call) {
      const attachments = call?.body.attachments;
      if (!Array.isArray(attachments)) return null;
      const first: unknown = attachments[0];
      if (!first || typeof first !== 'object' || !('content' in first)) return null;
      const content: unknown = first.content;
      return content && typeof content === 'object' ? (content as Record<string, unknown>) : null;
    },
    addMember(conversationId, member) {
      members.set(conversationId, [...(members.get(conversationId) ?? []), member]);
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
