/**
 * The venue server on the network: the app, the sync API and the live socket on one origin.
 *
 *   /api/v1/*        the sync API (./core.ts), JSON, never cached
 *   /api/v1/live     WebSocket: after a hello with the device's token, the server only pokes
 *                    ("events up to seq N exist"); a lost poke loses nothing, devices also pull
 *                    on their own
 *   /setup, /ca.crt  onboarding: trusting the venue's certificate authority (./onboarding.ts)
 *   /v               the audience's voting page (大众投票, built from src/app/audience/vote.html)
 *   anything else    the built app (static-server.mjs)
 *
 * https on one port (when there is a certificate) and plain http on another: a tablet that does
 * not trust the authority yet gets the onboarding page, and the app still works over http,
 * without its offline start-up.
 *
 * Anyone on the venue's Wi-Fi can reach it, so no request may bring the process down: every
 * handler answers a bad request with a 4xx or closes its connection, and every response carries
 * the security headers (static-server.mjs `securityHeaders`).
 */

import { createHash } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import {
  API_PREFIX,
  checkProtocol,
  HTTP_STATUS,
  type LiveHello,
  type LiveServerMessage,
  MAX_BODY_BYTES,
  MAX_SMALL_BODY_BYTES,
  MAX_TABLET_PUSH_BYTES,
  PROTOCOL_HEADER,
  type SyncError,
  syncError,
} from '../sync/protocol';
import type { Session, VenueCore } from './core';
import { onboardingPage } from './onboarding';
import { createStaticHandler, securityHeaders, setSecurityHeaders } from './static-server.mjs';
import { caCertDer, type TlsMaterial } from './tls';

export interface VenueServerOptions {
  core: VenueCore;
  /** The built app (dist/). */
  staticRoot: string;
  host: string;
  httpPort: number;
  /** null: no https. */
  https: { port: number; tls: TlsMaterial } | null;
  /** How long a live socket may stay silent before it is dropped (ping every half of it). */
  heartbeatMs?: number;
}

export interface VenueServer {
  httpPort: number;
  httpsPort: number | null;
  close(): Promise<void>;
}

const LIVE_PATH = `${API_PREFIX}/live`;
/**
 * The short address the projector's QR code holds, and the built page it serves: a separate
 * entry of the build, so that a phone loads none of the app (vite.config.ts).
 */
export const VOTING_PAGE_PATH = '/v';
const VOTING_PAGE_FILE = '/src/app/audience/vote.html';
const HELLO_TIMEOUT_MS = 10_000;
/** How long the rest of a refused body is read (and dropped) before its connection is cut. */
const LINGER_MS = 5000;

class BodyTooLarge extends Error {}

/** The body, up to MAX_BODY_BYTES: past that, rejects with BodyTooLarge and keeps nothing. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client gone mid-body: nothing more will come (a no-op once the promise settled).
    req.on('close', () => reject(new Error('the request was aborted')));
  });
}

/**
 * Closes the connection of a request whose body was refused, after its answer. Not with
 * `Connection: close`, after which Node closes at once: closing a socket with unread data
 * resets it, and the client may lose the answer. So the rest of the body is read and dropped
 * until it ends (then the socket closes cleanly), for LINGER_MS at most.
 */
function closeAfterBody(req: IncomingMessage): void {
  const socket = req.socket;
  const cut = setTimeout(() => socket.destroy(), LINGER_MS);
  const close = () => {
    clearTimeout(cut);
    socket.end();
  };
  if (req.complete) close();
  else req.once('end', close);
  req.resume();
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** A request target as a URL; null when it is none (e.g. `//[`). */
function urlOf(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://venue');
  } catch {
    return null;
  }
}

/**
 * Answers on a bare socket (no request object to answer with: a request Node could not parse,
 * or a refused WebSocket upgrade), then closes it.
 */
function answerRaw(socket: Duplex, status: number): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const headers = {
    ...securityHeaders({ secure: 'encrypted' in socket }),
    Connection: 'close',
    'Content-Length': '0',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n`, () => socket.destroy());
}

/** A request Node could not parse (bad request line, headers too large, bad length…). */
function onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's own handler: only when no response of this connection has begun.
  const current = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || current?.headersSent) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  answerRaw(socket, status);
}

/** The first message of a live socket as a hello to check: a JSON object in a text frame. */
function parseHello(data: RawData, isBinary: boolean): Partial<Record<keyof LiveHello, unknown>> | null {
  if (isBinary) return null;
  try {
    const value: unknown = JSON.parse(String(data));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

function hostnameOf(req: IncomingMessage): string {
  try {
    return new URL(`http://${req.headers.host ?? 'localhost'}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'localhost';
  }
}

function fingerprint(der: Buffer): string {
  return (createHash('sha256').update(der).digest('hex').match(/../g) ?? []).join(':').toUpperCase();
}

export async function startVenueServer(options: VenueServerOptions): Promise<VenueServer> {
  const { core } = options;
  const serveStatic = createStaticHandler(options.staticRoot);
  const caCert = options.https?.tls.caCert ?? null;
  const caDer = caCert ? caCertDer(caCert) : null;
  const caFingerprint = caDer ? fingerprint(caDer) : null;

  /** Refuses a request before its body is read, and lets the body drain. */
  function refuseUnread(req: IncomingMessage, res: ServerResponse, error: SyncError): void {
    sendJson(res, HTTP_STATUS[error.code], JSON.stringify({ error }));
    closeAfterBody(req);
  }

  /**
   * How many bytes a POST may carry, decided before a byte of it is read (parsing 16 MB of JSON
   * blocks the server for seconds): only the organizer's pushes carry photos; a tablet's push is
   * marks; a login or a join is a few fields. A push or an organizer call without a valid token
   * is refused unread.
   */
  function bodyLimit(req: IncomingMessage, path: string): number | SyncError {
    const protocolError = checkProtocol(req.headers[PROTOCOL_HEADER] ?? null);
    if (protocolError) return protocolError;
    if (path !== '/push' && !path.startsWith('/devices/')) return MAX_SMALL_BODY_BYTES;
    const session = core.authenticate(bearer(req));
    if (!session) return syncError('unauthorized', 'missing, unknown, expired or revoked token');
    if (path !== '/push') return MAX_SMALL_BODY_BYTES;
    return session.role === 'organizer' ? MAX_BODY_BYTES : MAX_TABLET_PUSH_BYTES;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let body: unknown;
    if (req.method === 'POST') {
      const limit = bodyLimit(req, url.pathname.slice(API_PREFIX.length));
      if (typeof limit !== 'number') {
        refuseUnread(req, res, limit);
        return;
      }
      let raw: Buffer;
      try {
        raw = await readBody(req, limit);
      } catch (error) {
        const tooLarge = error instanceof BodyTooLarge;
        const refusal = tooLarge
          ? syncError('tooLarge', `request body over ${limit} bytes`)
          : syncError('malformedRequest', 'the request body could not be read');
        sendJson(res, tooLarge ? 413 : 400, JSON.stringify({ error: refusal }));
        closeAfterBody(req);
        return;
      }
      try {
        body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
      } catch {
        sendJson(res, 400, JSON.stringify({ error: syncError('malformedRequest', 'the body is not JSON') }));
        return;
      }
    }
    const protocol = req.headers[PROTOCOL_HEADER];
    const response = await core.handle({
      method: req.method ?? 'GET',
      path: url.pathname.slice(API_PREFIX.length),
      query: url.searchParams,
      protocol: typeof protocol === 'string' ? protocol : null,
      token: bearer(req),
      body,
      address: req.socket.remoteAddress ?? 'unknown',
      secure: 'encrypted' in req.socket || isLoopback(req.socket.remoteAddress),
    });
    sendJson(res, response.status, response.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(req, res);
    const url = urlOf(req.url);
    if (!url) {
      res.writeHead(400).end();
      return;
    }
    try {
      if (url.pathname.startsWith(`${API_PREFIX}/`)) {
        await handleApi(req, res, url);
      } else if (url.pathname === '/ca.crt' && caDer) {
        res.writeHead(200, {
          'Content-Type': 'application/x-x509-ca-cert',
          'Content-Disposition': 'attachment; filename="leitai-ca.crt"',
          'Content-Length': caDer.length,
          'Cache-Control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : caDer);
      } else if (url.pathname === '/setup') {
        const page = onboardingPage({
          hostname: hostnameOf(req),
          httpsPort: options.https ? httpsPort : null,
          hasLocalAuthority: caDer !== null,
          caFingerprint,
        });
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : page);
      } else if (url.pathname === VOTING_PAGE_PATH) {
        req.url = `${VOTING_PAGE_FILE}${url.search}`;
        await serveStatic(req, res);
      } else {
        await serveStatic(req, res);
      }
    } catch (error) {
      console.error(error);
      if (!res.headersSent)
        sendJson(res, 500, JSON.stringify({ error: { code: 'internal', message: 'server error' } }));
      else res.destroy();
    }
  }

  // ---- the live socket
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const live = new Map<WebSocket, { session: Session; alive: boolean }>();
  // The device each welcomed socket counts for in the core's presence, until it closes.
  const counted = new WeakMap<WebSocket, string>();
  const send = (socket: WebSocket, message: LiveServerMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  /** Authenticates a live socket by its first message; refuses it by name otherwise. */
  function onHello(socket: WebSocket, data: RawData, isBinary: boolean): void {
    const hello = parseHello(data, isBinary);
    if (!hello) {
      send(socket, { type: 'error', error: syncError('malformedRequest', 'the hello is not a JSON object') });
      socket.close(4400, 'malformedRequest');
      return;
    }
    const protocolError = checkProtocol(hello.protocol);
    if (protocolError) {
      send(socket, { type: 'error', error: protocolError });
      socket.close(4426, protocolError.code);
      return;
    }
    const session = core.authenticate(typeof hello.token === 'string' ? hello.token : null);
    if (!session) {
      send(socket, {
        type: 'error',
        error: syncError('unauthorized', 'missing, unknown or revoked token'),
      });
      socket.close(4401, 'unauthorized');
      return;
    }
    // One live socket per device: a device that reconnects replaces its old socket, and one
    // code cannot hold a thousand sockets open.
    for (const [other, entry] of live) {
      if (entry.session.deviceId === session.deviceId) {
        live.delete(other);
        other.close(4409, 'replaced');
      }
    }
    live.set(socket, { session, alive: true });
    counted.set(socket, session.deviceId);
    core.liveOpened(session.deviceId);
    send(socket, { type: 'welcome', head: core.head() });
  }

  wss.on('connection', (socket: WebSocket) => {
    const helloTimer = setTimeout(() => socket.close(4400, 'no hello'), HELLO_TIMEOUT_MS);
    socket.once('message', (data, isBinary) => {
      clearTimeout(helloTimer);
      try {
        onHello(socket, data, isBinary);
      } catch (error) {
        console.error(error);
        socket.terminate();
      }
    });
    socket.on('pong', () => {
      const entry = live.get(socket);
      if (!entry) return;
      entry.alive = true;
      core.heardFrom(entry.session.deviceId);
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      live.delete(socket);
      const deviceId = counted.get(socket);
      if (deviceId !== undefined) {
        counted.delete(socket);
        core.liveClosed(deviceId);
      }
    });
    // Oversized or broken frames: ws closes the socket, and reports it here.
    socket.on('error', () => socket.terminate());
  });
  // A handshake ws refuses (not GET, bad key or version…): answered with the security headers.
  wss.on('wsClientError', (_error, socket: Duplex) => answerRaw(socket, 400));

  const unsubscribe = core.subscribe((notice) => {
    for (const [socket, entry] of live) {
      if (notice.type === 'commit') {
        // Only the devices that may read something of the commit pull for it.
        if (notice.readers.has(entry.session)) send(socket, { type: 'poke', head: notice.head });
      } else if (entry.session.deviceId === notice.deviceId) {
        send(socket, { type: 'error', error: syncError('unauthorized', 'this device was revoked') });
        socket.close(4401, 'revoked');
      }
    }
  });

  const heartbeat = setInterval(() => {
    for (const [socket, entry] of live) {
      if (!entry.alive) {
        socket.terminate();
        continue;
      }
      entry.alive = false;
      socket.ping();
    }
  }, heartbeatMs / 2);
  heartbeat.unref();

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node hands the socket over without an error listener: a reset would crash the process.
    socket.on('error', () => socket.destroy());
    const url = urlOf(req.url);
    if (url?.pathname !== LIVE_PATH) {
      answerRaw(socket, url ? 404 : 400);
      return;
    }
    try {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch (error) {
      console.error(error);
      socket.destroy();
    }
  }

  // ---- listening
  const servers: Server[] = [];
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => {
        server.off('error', reject);
        // Later errors (e.g. EMFILE when a flood of connections takes every file descriptor)
        // fail one connection, not the server.
        server.on('error', (error) => console.error('venue server:', error));
        resolve((server.address() as AddressInfo).port);
      });
    });
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      res.destroy();
    });
  };
  const serve = (server: Server) => {
    server.on('upgrade', onUpgrade);
    server.on('clientError', onClientError);
    servers.push(server);
  };

  const httpServer = createHttpServer(onRequest);
  serve(httpServer);
  let httpsPort: number | null = null;
  try {
    const httpPort = await listen(httpServer, options.httpPort);
    if (options.https) {
      const httpsServer = createHttpsServer(
        { key: options.https.tls.key, cert: options.https.tls.cert },
        onRequest,
      );
      serve(httpsServer);
      httpsPort = await listen(httpsServer, options.https.port);
    }
    return {
      httpPort,
      httpsPort,
      async close() {
        clearInterval(heartbeat);
        unsubscribe();
        for (const socket of live.keys()) socket.terminate();
        wss.close();
        await Promise.all(
          servers.map(
            (server) =>
              new Promise<void>((resolve) => {
                server.close(() => resolve());
                (server as Server & { closeAllConnections(): void }).closeAllConnections();
              }),
          ),
        );
      },
    };
  } catch (error) {
    for (const server of servers) server.close();
    clearInterval(heartbeat);
    unsubscribe();
    throw error;
  }
}
