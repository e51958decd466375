// The venue server as a process (`npm start`'s src/server/start.mjs): https with its own
// certificate authority, the onboarding page, the sync API and the live socket on one origin,
// and data that survives a restart.
import { X509Certificate } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type SessionInfo } from '../../src/sync/protocol';
import { CHROMIUM_ARGS, CHROMIUM_PATH, RESULTS_DIR } from './harness';
import { startVenueProcess, type VenueProcess } from './venue-process';

const started: VenueProcess[] = [];
afterAll(async () => {
  for (const venue of started) {
    await venue.stop();
    await rm(venue.dataDir, { recursive: true, force: true });
  }
});

async function start(options: Parameters<typeof startVenueProcess>[0] = {}) {
  const venue = await startVenueProcess(options);
  started.push(venue);
  return venue;
}

function api(base: string, path: string, init: { token?: string; body?: unknown } = {}) {
  return fetch(`${base}/api/v1${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'leitai-protocol': String(PROTOCOL_VERSION),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** GET over https trusting only `caPem` (or the system's authorities when null). */
function httpsGet(url: string, caPem: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { ca: caPem ?? undefined, headers: { 'leitai-protocol': String(PROTOCOL_VERSION) } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the venue server process', () => {
  it('serves https with a certificate from its own authority, which tablets download over http', async () => {
    const venue = await start();
    expect(venue.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(venue.claimCode).toMatch(/^\d{8}$/);
    const caResponse = await fetch(`${venue.httpUrl}/ca.crt`);
    expect(caResponse.status).toBe(200);
    expect(caResponse.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    const ca = new X509Certificate(Buffer.from(await caResponse.arrayBuffer()));
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('Leitai Venue CA');
    const httpsUrl = venue.httpsUrl as string;
    const port = new URL(httpsUrl).port;
    for (const host of ['127.0.0.1', 'localhost']) {
      const answer = await httpsGet(`https://${host}:${port}/api/v1/hello`, ca.toString());
      expect(answer.status, host).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ protocol: PROTOCOL_VERSION, claimed: false });
    }
    // Without the authority, the certificate is not trusted.
    await expect(httpsGet(`${httpsUrl}/api/v1/hello`, null)).rejects.toThrow(/certificate/);
    const app = await httpsGet(`${httpsUrl}/judge`, ca.toString());
    expect(app.body).toContain('<div id="root">');
    const leaf = new X509Certificate(await readFile(join(venue.dataDir, 'tls', 'server.crt.pem')));
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(leaf.subjectAltName).toContain('DNS:leitai.local');
  });

  it('explains to a tablet, in Chinese, how to trust the authority on iPadOS and Android', async () => {
    const venue = started[0] ?? (await start());
    const page = await fetch(`${venue.httpUrl}/setup`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('下载场馆证书');
    expect(html).toContain('iPad（iPadOS）');
    expect(html).toContain('证书信任设置');
    expect(html).toContain('安卓平板（Android）');
    expect(html).toContain(`https://127.0.0.1:${new URL(venue.httpsUrl as string).port}/`);
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    try {
      const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, locale: 'zh-CN' });
      const tablet = await context.newPage();
      await tablet.goto(`${venue.httpUrl}/setup`);
      const axe = await new AxeBuilder({ page: tablet }).analyze();
      expect(axe.violations.map((violation) => violation.id)).toEqual([]);
      await tablet.screenshot({ path: join(RESULTS_DIR, 'sync-setup-page.png'), fullPage: true });
    } finally {
      await browser.close();
    }
    // The Host header is the tablet's, and is escaped.
    const forged = await fetch(`${venue.httpUrl}/setup`, { headers: { host: 'evil"><script>x</script>' } });
    expect(await forged.text()).not.toContain('<script>x');
  });

  it('syncs over the API and pokes live sockets; the data survives a SIGKILL and a restart', async () => {
    const first = await start({ httpsPort: null });
    const hello = await (await api(first.httpUrl, '/hello')).json();
    expect(hello).toMatchObject({ claimed: false, head: 0 });
    const claim = await api(first.httpUrl, '/claim', {
      body: { claimCode: first.claimCode, password: '擂台密码2026', deviceId: 'laptop' },
    });
    expect(claim.status).toBe(200);
    const organizer = (await claim.json()) as SessionInfo;

    const socket = new WebSocket(`${first.httpUrl.replace('http', 'ws')}/api/v1/live`);
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: organizer.token }));
    await expect.poll(() => messages).toEqual([{ type: 'welcome', head: 0 }]);

    const event = {
      id: 'e1',
      deviceId: 'laptop',
      deviceSeq: 1,
      author: { role: 'organizer' },
      competitionId: 'c1',
      roundId: null,
      recordedAt: '2026-11-23T09:00:00.000Z',
      type: 'entity.put',
      payload: {
        table: 'competitions',
        entity: { id: 'c1', name: '擂台比武', archived: false },
        revision: 1,
      },
    };
    const pushed = await api(first.httpUrl, '/push', { token: organizer.token, body: { events: [event] } });
    expect(await pushed.json()).toMatchObject({ acknowledged: ['e1'], accepted: 1, head: 1 });
    await expect.poll(() => messages).toContainEqual({ type: 'poke', head: 1 });
    socket.close();

    // A live socket without a valid token is told so and closed.
    const stranger = new WebSocket(`${first.httpUrl.replace('http', 'ws')}/api/v1/live`);
    const strangerMessages: { type: string; error?: { code: string } }[] = [];
    stranger.on('message', (data) => strangerMessages.push(JSON.parse(String(data))));
    await new Promise((resolve) => stranger.once('open', resolve));
    stranger.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: 'forged' }));
    const closeCode = await new Promise((resolve) => stranger.once('close', resolve));
    expect(closeCode).toBe(4401);
    expect(strangerMessages[0]?.error?.code).toBe('unauthorized');

    // The API is never the app: an unknown API path is a JSON 404, not index.html.
    const missing = await api(first.httpUrl, '/nothing');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('notFound');

    await first.stop('SIGKILL');
    const second = await start({ dataDir: first.dataDir, httpsPort: null });
    expect(second.claimCode).toBeNull();
    const pulled = await (await api(second.httpUrl, '/pull?after=0', { token: organizer.token })).json();
    expect(pulled).toMatchObject({ events: [event], cursor: 1, head: 1, serverId: hello.serverId });
  });

  it('refuses a body over the limit, and its service worker never answers the API, the setup pages or the voting page', async () => {
    const venue = started[0] ?? (await start());
    const headers = { 'leitai-protocol': String(PROTOCOL_VERSION), 'content-type': 'application/json' };
    const huge = await fetch(`${venue.httpUrl}/api/v1/join/judge`, {
      method: 'POST',
      headers,
      body: 'x'.repeat(17 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('tooLarge');
    // A push without a token is refused before its body is read.
    const anonymous = await fetch(`${venue.httpUrl}/api/v1/push`, { method: 'POST', headers, body: '[]' });
    expect(anonymous.status).toBe(401);
    const worker = await (await fetch(`${venue.httpUrl}/sw.js`)).text();
    expect(worker).toContain('denylist:[/^\\/api\\//,/^\\/setup$/,/^\\/ca\\.crt$/,/^\\/v$/]');
  });

  it('uses a certificate and key supplied by the organizer instead of its own authority', async () => {
    const own = started[0] as VenueProcess;
    const tls = join(own.dataDir, 'tls');
    const venue = await start({
      extraArgs: ['--cert', join(tls, 'server.crt.pem'), '--key', join(tls, 'server.key.pem')],
    });
    expect((await fetch(`${venue.httpUrl}/ca.crt`)).status).toBe(404);
    expect(await (await fetch(`${venue.httpUrl}/setup`)).text()).toContain('组织者提供的证书');
    const ca = await readFile(join(tls, 'ca.crt.pem'), 'utf8');
    const answer = await httpsGet(`${venue.httpsUrl}/api/v1/hello`, ca);
    expect(answer.status).toBe(200);
  });
});
