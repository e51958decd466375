/**
 * How a device reaches the venue server: request/response calls and a live socket. The client
 * (./client.ts) sees only this interface; the app uses `httpTransport` (fetch and WebSocket on the
 * page's own origin), the protocol tests an in-memory pair with manual delivery.
 */

import {
  API_PREFIX,
  type LiveHello,
  type LiveServerMessage,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type SyncError,
  syncError,
} from './protocol';

export interface ApiCall {
  method: 'GET' | 'POST';
  /** Under /api/v1, e.g. "/push". */
  path: string;
  query?: Record<string, string>;
  token?: string | null;
  body?: unknown;
}

export interface ApiReply {
  status: number;
  body: unknown;
}

export interface LiveHandlers {
  onMessage(message: LiveServerMessage): void;
  /** The socket closed or could not open. */
  onClose(): void;
}

export interface LiveConnection {
  close(): void;
}

export interface SyncTransport {
  /** Resolves with the server's answer, whatever its status; rejects when the server is unreachable. */
  call(call: ApiCall): Promise<ApiReply>;
  /** Opens the live socket and says hello with `token`. */
  openLive(token: string, handlers: LiveHandlers): LiveConnection;
}

/** The server answered, and said no: asking again gets the same answer until something changes. */
export class SyncRefusal extends Error {
  override readonly name = 'SyncRefusal';
  constructor(
    readonly error: SyncError,
    readonly status: number,
  ) {
    super(`${error.code}: ${error.message}`);
  }
}

/** The server could not be reached (offline, timed out, the server down or failing): try again. */
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

/** The body of a successful call, or a SyncRefusal / Unreachable. */
export async function request<T>(transport: SyncTransport, call: ApiCall): Promise<T> {
  let reply: ApiReply;
  try {
    reply = await transport.call(call);
  } catch (error) {
    throw new Unreachable(error instanceof Error ? error.message : String(error));
  }
  // A JSON object, or this is not the venue server answering (a static host serves index.html).
  if (reply.status === 200 && typeof reply.body === 'object' && reply.body !== null) return reply.body as T;
  throw failure(reply);
}

/**
 * What a failed answer means, decided by its status. A 4xx is a refusal. Anything else is as
 * good as unreachable and worth retrying, whatever its body says: a 5xx (the server failing or
 * restarting, or a proxy in front of it), a 408 (a timeout), a 200 that is not the API's.
 */
function failure(reply: ApiReply): SyncRefusal | Unreachable {
  const { status } = reply;
  if (status < 400 || status >= 500 || status === 408) return new Unreachable(`HTTP ${status}`);
  const error = (reply.body as { error?: SyncError } | null)?.error;
  if (error && typeof error.code === 'string') return new SyncRefusal(error, status);
  // Not the venue server's words: a proxy's body limit (413), a host without the API (404).
  const code = status === 413 ? 'tooLarge' : status === 404 ? 'notFound' : 'malformedRequest';
  return new SyncRefusal(syncError(code, `HTTP ${status} without a named error`), status);
}

/** The subset of the WebSocket API the transport uses (the browser's, or the `ws` package's). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface HttpTransportOptions {
  /** e.g. "https://192.168.1.10:5443"; the page's origin in the app. */
  baseUrl: string;
  fetch?: typeof fetch;
  WebSocket?: new (url: string) => WebSocketLike;
  /** A call that takes longer is given up (and retried later by the client). */
  timeoutMs?: number;
}

export function httpTransport({
  baseUrl,
  fetch: fetchImpl = globalThis.fetch.bind(globalThis),
  WebSocket: WebSocketImpl = globalThis.WebSocket as unknown as new (
    url: string,
  ) => WebSocketLike,
  timeoutMs = 20_000,
}: HttpTransportOptions): SyncTransport {
  const base = baseUrl.replace(/\/$/, '');
  return {
    async call({ method, path, query, token, body }) {
      const url = new URL(`${base}${API_PREFIX}${path}`);
      for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
      const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        parsed = null;
      }
      return { status: response.status, body: parsed };
    },
    openLive(token, handlers) {
      const url = new URL(`${base}${API_PREFIX}/live`);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      let closed = false;
      const socket = new WebSocketImpl(url.href);
      const finish = () => {
        if (closed) return;
        closed = true;
        handlers.onClose();
      };
      socket.onopen = () => {
        const hello: LiveHello = { type: 'hello', protocol: PROTOCOL_VERSION, token };
        socket.send(JSON.stringify(hello));
      };
      socket.onmessage = (event) => {
        try {
          handlers.onMessage(JSON.parse(String(event.data)) as LiveServerMessage);
        } catch {
          // Not a message of ours: ignore it (a poke is only a hint anyway).
        }
      };
      socket.onclose = finish;
      socket.onerror = finish;
      return {
        close() {
          closed = true;
          socket.close();
        },
      };
    },
  };
}
