/**
 * The hub on the network: /hub/v1/* (./core.ts), JSON, over https when given a certificate and
 * plain http otherwise (behind a TLS proxy, or on loopback in tests). The hub faces the internet,
 * so as the venue server: bodies are limited before a byte is read (the push of a venue's photos
 * 16 MB, and only with a venue key; anything else 16 KB), a malformed request gets a 4xx and never
 * takes the process down, and every answer carries the security headers.
 */

import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { HUB_API_PREFIX } from '../sync/hub-protocol';
import {
  HTTP_STATUS,
  MAX_BODY_BYTES,
  MAX_SMALL_BODY_BYTES,
  PROTOCOL_HEADER,
  syncError,
} from '../sync/protocol';
import type { HubCore } from './core';
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_JS, DASHBOARD_PAGE_CSP } from './dashboard-page';
import { SEASON_CSS, SEASON_JS } from './season-page';

export interface HubServerOptions {
  core: HubCore;
  host: string;
  port: number;
  /** PEM files; null: plain http. */
  tls: { certFile: string; keyFile: string } | null;
}

export interface HubServer {
  port: number;
  close(): Promise<void>;
}

/** The dashboard's page (./dashboard-page.ts): its files, each with its type. */
const PAGE_FILES: Record<string, { type: string; body: string }> = {
  '/dashboard': { type: 'text/html; charset=utf-8', body: DASHBOARD_HTML },
  '/dashboard.js': { type: 'text/javascript; charset=utf-8', body: DASHBOARD_JS },
  '/dashboard.css': { type: 'text/css; charset=utf-8', body: DASHBOARD_CSS },
  '/dashboard-season.js': { type: 'text/javascript; charset=utf-8', body: SEASON_JS },
  '/dashboard-season.css': { type: 'text/css; charset=utf-8', body: SEASON_CSS },
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const STRICT_TRANSPORT = 'max-age=31536000';

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
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
    req.on('close', () => reject(new Error('the request was aborted')));
  });
}

function send(res: ServerResponse, status: number, body: string, close = false): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}

function refusal(
  res: ServerResponse,
  code: 'malformedRequest' | 'tooLarge' | 'notFound',
  message: string,
): void {
  send(res, HTTP_STATUS[code], JSON.stringify({ error: syncError(code, message) }), code === 'tooLarge');
}

function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer (\S{1,200})$/.exec(req.headers.authorization ?? '');
  return match ? (match[1] as string) : null;
}

export async function startHubServer({ core, host, port, tls }: HubServerOptions): Promise<HubServer> {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hub');
    } catch {
      return refusal(res, 'malformedRequest', 'unreadable request target');
    }
    const file = PAGE_FILES[url.pathname];
    if (file && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Security-Policy': DASHBOARD_PAGE_CSP,
        'Content-Type': file.type,
        'Content-Length': Buffer.byteLength(file.body),
      });
      res.end(file.body);
      return;
    }
    if (!url.pathname.startsWith(`${HUB_API_PREFIX}/`))
      return refusal(res, 'notFound', `no ${req.method} ${url.pathname}`);
    const path = url.pathname.slice(HUB_API_PREFIX.length);
    const protocol = req.headers[PROTOCOL_HEADER];
    const protocolText = typeof protocol === 'string' ? protocol : null;
    const isPush = req.method === 'POST' && path === '/push';
    if (isPush) {
      const refused = await core.pushRefusal(protocolText, bearer(req));
      if (refused) return send(res, refused.status, refused.body, true);
    }
    const limit = isPush ? MAX_BODY_BYTES : MAX_SMALL_BODY_BYTES;
    let text: string;
    try {
      text = (await readBody(req, limit)).toString('utf8');
    } catch (error) {
      if (error instanceof BodyTooLarge) return refusal(res, 'tooLarge', `a body of at most ${limit} bytes`);
      return;
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return refusal(res, 'malformedRequest', 'the body is not JSON');
    }
    const response = await core.handle({
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      protocol: protocolText,
      token: bearer(req),
      address: req.socket.remoteAddress ?? 'unknown',
      body,
    });
    send(res, response.status, response.body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // As the venue server on https: browsers then never try the hub's address over plain http.
    if (tls) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT);
    handle(req, res).catch((error: unknown) => {
      // The database went away mid-request, or a bug: the caller retries; the hub stays up.
      console.error('hub: request failed:', error instanceof Error ? error.message : error);
      if (!res.headersSent)
        send(res, 503, JSON.stringify({ error: { code: 'unavailable', message: 'try again' } }));
      else res.destroy();
    });
  };
  const server: Server = tls
    ? createHttpsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, listener)
    : createHttpServer(listener);
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
