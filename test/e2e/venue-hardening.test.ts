// The venue server process against an attacker on the venue's Wi-Fi, without any token: what
// once crashed it (a `null` hello on the live socket, an upgrade to `//[`) and what Node cannot
// parse are answered 4xx or closed, never the process; a body over the limit is refused with
// 413, chunked or not; every response carries the security headers; the data directory and
// its secrets are the owner's alone.
import { createHash } from 'node:crypto';
import { chmod, readFile, rm, stat } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from '../../src/sync/protocol';
import { startVenueProcess, type VenueProcess } from './venue-process';

let venue: VenueProcess;
const started: VenueProcess[] = [];

async function start(options: Parameters<typeof startVenueProcess>[0] = {}) {
  const server = await startVenueProcess(options);
  started.push(server);
  return server;
}

beforeAll(async () => {
  venue = await start();
});

afterAll(async () => {
  for (const server of started) {
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
});

const PROTOCOL = { 'leitai-protocol': String(PROTOCOL_VERSION) };

/** The process still runs and answers. */
async function expectAlive(server: VenueProcess): Promise<void> {
  expect(server.child.exitCode, server.output()).toBeNull();
  const hello = await fetch(`${server.httpUrl}/api/v1/hello`, { headers: PROTOCOL });
  expect(hello.status).toBe(200);
}

interface RawAnswer {
  text: string;
  /** The server closed the connection (rather than `waitMs` running out). */
  closed: boolean;
}

/** Sends `bytes` on a new connection, then reads until the server closes it. */
function exchange(baseUrl: string, bytes: string | Buffer, waitMs = 10_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.write(bytes);
  });
}

function upgradeRequest(target: string, headers: Record<string, string> = {}): string {
  const all = {
    Host: 'venue',
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...headers,
  };
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}\r\n`);
  return `GET ${target} HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/** Sends one message as a live socket's hello; resolves with the close code and what came. */
async function helloAnswer(payload: string | Buffer): Promise<{ code: number; messages: string[] }> {
  const socket = new WebSocket(`${venue.httpUrl.replace('http', 'ws')}/api/v1/live`);
  const messages: string[] = [];
  socket.on('message', (data) => messages.push(String(data)));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(payload);
  const code = await new Promise<number>((resolve) => socket.once('close', resolve));
  return { code, messages };
}

/** The header lines of a raw answer, by lower-case name. */
function rawHeaders(text: string): Map<string, string> {
  const lines = text.split('\r\n\r\n')[0]?.split('\r\n').slice(1) ?? [];
  return new Map(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
}

function expectSecurityHeaders(headers: { get(name: string): string | null | undefined }, what: string) {
  expect(headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
  expect(headers.get('content-security-policy'), what).toContain("default-src 'self'");
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
}

describe('the venue server under attack', () => {
  it('closes a live socket whose hello is not a JSON object in a text frame, or too large', async () => {
    for (const payload of ['null', '42', '[]', '"hello"', 'true', 'not json', Buffer.from([0, 1, 2])]) {
      const answer = await helloAnswer(payload);
      expect(answer.code, String(payload)).toBe(4400);
      expect(JSON.parse(answer.messages[0] ?? '{}').error.code, String(payload)).toBe('malformedRequest');
    }
    // Over the live socket's frame limit: ws closes it as too big.
    expect((await helloAnswer('x'.repeat(100_000))).code).toBe(1009);
    // A hello without a version is still told so.
    expect((await helloAnswer('{}')).code).toBe(4426);
    await expectAlive(venue);
  });

  it('refuses upgrades to a malformed URL, to another path and with a bad handshake, with 4xx', async () => {
    const cases: [string, number][] = [
      [upgradeRequest('//['), 400],
      [upgradeRequest('/api/v1/nothing'), 404],
      [upgradeRequest('/api/v1/live', { 'Sec-WebSocket-Key': 'short' }), 400],
      [upgradeRequest('/api/v1/live', { 'Sec-WebSocket-Version': '99' }), 400],
    ];
    for (const [request, status] of cases) {
      const answer = await exchange(venue.httpUrl, request);
      expect(answer.text.split('\r\n')[0], request).toBe(
        `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}`,
      );
      expect(answer.closed).toBe(true);
      expectSecurityHeaders(rawHeaders(answer.text), request);
    }
    await expectAlive(venue);
  });

  it('answers what Node cannot parse with 400 or 431, and closes', async () => {
    const cases: [string, number][] = [
      ['\u0000\u0001garbage\r\n\r\n', 400],
      ['POST /api/v1/push HTTP/1.1\r\nHost: venue\r\nContent-Length: abc\r\n\r\n', 400],
      ['POST /api/v1/push HTTP/1.1\r\nHost: venue\r\nTransfer-Encoding: gzip, chunked, x\r\n\r\n', 400],
      [`GET / HTTP/1.1\r\nHost: venue\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ];
    for (const [request, status] of cases) {
      const answer = await exchange(venue.httpUrl, request);
      expect(answer.text.slice(0, 12), request.slice(0, 60)).toBe(`HTTP/1.1 ${status}`);
      expect(answer.closed).toBe(true);
      expectSecurityHeaders(rawHeaders(answer.text), request.slice(0, 60));
    }
    await expectAlive(venue);
  });

  it('refuses a body over the limit with 413 tooLarge, chunked or with a length, then closes', async () => {
    // A join carries a few fields (MAX_SMALL_BODY_BYTES); a push without a token is refused
    // before its body is read (see the headers test), so the limit is tried on a join.
    // Chunked, on a bare socket: the answer arrives while the body is still coming.
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const chunks = Math.ceil(MAX_BODY_BYTES / chunk.length) + 2;
    const body = Buffer.concat([
      Buffer.from(
        `POST /api/v1/join/judge HTTP/1.1\r\nHost: venue\r\nLeitai-Protocol: ${PROTOCOL_VERSION}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      ),
      ...Array.from({ length: chunks }, () =>
        Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
      ),
      Buffer.from('0\r\n\r\n'),
    ]);
    const chunked = await exchange(venue.httpUrl, body);
    expect(chunked.text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(JSON.parse(chunked.text.slice(chunked.text.indexOf('\r\n\r\n') + 4)).error.code).toBe('tooLarge');
    expect(chunked.closed).toBe(true);

    // The same through fetch, streaming: the client reads the 413 rather than a reset.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < chunks; index++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await fetch(`${venue.httpUrl}/api/v1/join/judge`, {
      method: 'POST',
      headers: { ...PROTOCOL, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe('tooLarge');

    // A declared length over the limit is refused before any of it is read.
    const declared = await exchange(
      venue.httpUrl,
      `POST /api/v1/join/judge HTTP/1.1\r\nHost: venue\r\nLeitai-Protocol: ${PROTOCOL_VERSION}\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n{`,
    );
    expect(declared.text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    await expectAlive(venue);
  });

  it('sends the security headers on every response, and HSTS over https only', async () => {
    const index = await (await fetch(`${venue.httpUrl}/`)).text();
    // index.html's inline scripts, both in its head: the route preloads, and the app shell's.
    const scriptHashes = [...index.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) =>
      createHash('sha256')
        .update(match[1] as string)
        .digest('base64'),
    );
    expect(scriptHashes).toHaveLength(2);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1] as string;
    const requests: [string, RequestInit, number][] = [
      ['/', {}, 200],
      ['/judge', {}, 200],
      [asset, {}, 200],
      ['/sw.js', {}, 200],
      ['/manifest.webmanifest', {}, 200],
      ['/setup', {}, 200],
      ['/ca.crt', {}, 200],
      ['/icons/missing.png', {}, 404],
      ['/%zz', {}, 400],
      ['//[', {}, 400],
      ['/', { method: 'POST' }, 405],
      ['/api/v1/hello', { headers: PROTOCOL }, 200],
      ['/api/v1/nothing', { headers: PROTOCOL }, 404],
      ['/api/v1/pull', { headers: PROTOCOL }, 401],
      // Without a token a push is refused before its body is read.
      ['/api/v1/push', { method: 'POST', headers: PROTOCOL, body: '{' }, 401],
      ['/api/v1/join/judge', { method: 'POST', headers: PROTOCOL, body: '{' }, 400],
    ];
    for (const [path, init, status] of requests) {
      const response = await fetch(`${venue.httpUrl}${path}`, init);
      expect(response.status, path).toBe(status);
      expectSecurityHeaders(response.headers, path);
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    // index.html's inline scripts are allowed by their hashes, nothing else inline.
    const policy = (await fetch(`${venue.httpUrl}/stage`)).headers.get('content-security-policy');
    expect(policy).toContain(
      `script-src 'self' ${scriptHashes.map((hash) => `'sha256-${hash}'`).join(' ')};`,
    );
    expect(policy).not.toContain("'unsafe-eval'");

    const ca = await readFile(join(venue.dataDir, 'tls', 'ca.crt.pem'), 'utf8');
    for (const path of ['/', '/setup', '/api/v1/hello', '/missing.js']) {
      const headers = await httpsHeaders(`${venue.httpsUrl}${path}`, ca);
      expectSecurityHeaders({ get: (name) => headers[name] as string | undefined }, `https ${path}`);
      expect(headers['strict-transport-security'], path).toBe('max-age=31536000');
    }
  });

  it('keeps the data directory and its secrets to the owner, also those an older version left open', async () => {
    const own = await start();
    const privateFiles = [
      'leitai.sqlite',
      'leitai.sqlite-wal',
      'leitai.sqlite-shm',
      'tls/ca.key.pem',
      'tls/server.key.pem',
    ];
    const modes = async (dataDir: string) =>
      Object.fromEntries(
        await Promise.all(
          ['.', 'tls', ...privateFiles].map(async (file) => [
            file,
            ((await stat(join(dataDir, file))).mode & 0o777).toString(8),
          ]),
        ),
      );
    const expected = {
      '.': '700',
      tls: '700',
      ...Object.fromEntries(privateFiles.map((file) => [file, '600'])),
    };
    expect(await modes(own.dataDir)).toEqual(expected);

    await own.stop('SIGKILL');
    await chmod(own.dataDir, 0o755);
    await chmod(join(own.dataDir, 'tls'), 0o755);
    for (const file of privateFiles) await chmod(join(own.dataDir, file), 0o644);
    const again = await start({ dataDir: own.dataDir });
    expect(await modes(again.dataDir)).toEqual(expected);
  });
});

/** The headers of an https GET, trusting only `caPem`. */
function httpsHeaders(url: string, caPem: string): Promise<NodeJS.Dict<string | string[]>> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: caPem, headers: PROTOCOL }, (res) => {
      res.resume();
      resolve(res.headers);
    });
    req.on('error', reject);
    req.end();
  });
}
