// @vitest-environment node
// The hub attacked as the venue server is (README, "Security model"): a push's body is read only
// from a venue key's holder, and wrong admin secrets and dashboard codes are counted as wrong
// codes are at the venue, on a real PostgreSQL and, for the body, over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttemptLimiter } from '../../../src/domain/attempt-limiter';
import { HubCore } from '../../../src/hub/core';
import { startHubServer } from '../../../src/hub/http';
import { hashSecret } from '../../../src/hub/secrets';
import { MAX_PAGE_BYTES } from '../../../src/hub/store';
import { localTls } from '../../../src/server/tls';
import type { CityDashboard, HubPullResponse, HubPushResponse } from '../../../src/sync/hub-protocol';
import { MAX_BODY_BYTES, PROTOCOL_VERSION, type WireEvent } from '../../../src/sync/protocol';
import { wireLog } from '../server/helpers';
import { ADMIN_SECRET, call, DASHBOARD_CODE, markEvent, registerVenue, testHub } from './helpers';
import { scoredVenue } from './venues';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The first answer to `head` (a request's line and headers) sent alone on a fresh connection. */
function answerToHeaders(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    socket.write(head);
  });
}

describe('the hub under attack', () => {
  it('refuses a push without a venue key before reading its body, as the venue server does', async () => {
    const hub = await testHub();
    const server = await startHubServer({ core: hub.core, host: '127.0.0.1', port: 0, tls: null });
    cleanups.push(() => server.close());
    // A stranger announces a push of almost 16 MB and sends none of it: the hub answers at once
    // instead of waiting to read (and hold) it.
    for (const authorization of [
      '',
      'Authorization: Bearer not-a-venue-key\r\n',
      `Authorization: Bearer ${DASHBOARD_CODE}\r\n`,
    ]) {
      const answer = await answerToHeaders(
        server.port,
        `POST /hub/v1/push HTTP/1.1\r\nHost: hub\r\nLeitai-Protocol: ${PROTOCOL_VERSION}\r\n${authorization}` +
          `Content-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES - 1}\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer).toMatch(/X-Content-Type-Options: nosniff/i);
    }
    // Of another protocol likewise, before a byte of the body.
    const oldProtocol = await answerToHeaders(
      server.port,
      `POST /hub/v1/push HTTP/1.1\r\nHost: hub\r\nLeitai-Protocol: 1\r\nContent-Length: ${MAX_BODY_BYTES - 1}\r\n\r\n`,
    );
    expect(oldProtocol).toMatch(/^HTTP\/1\.1 426 /);
  });

  it('counts wrong dashboard codes and admin secrets per address and per secret; past the limit even the right one waits', async () => {
    const { store } = await testHub();
    const clock = { now: Date.parse('2026-12-05T09:00:00Z') };
    const core = new HubCore({
      store,
      hubId: 'attacked-hub',
      adminSecretHash: hashSecret(ADMIN_SECRET),
      dashboardCodeHash: hashSecret(DASHBOARD_CODE),
      now: () => new Date(clock.now),
      limiter: new AttemptLimiter({ now: () => clock.now }),
    });
    const read = (token: string, address: string) => call(core, 'GET', '/dashboard', { token, address });
    // The right code, read again and again, never counts.
    for (let n = 0; n < 30; n += 1) expect((await read(DASHBOARD_CODE, '10.0.0.1')).status).toBe(200);
    // One address guessing: ten wrong codes, then refused unchecked, the right code included.
    for (let n = 0; n < 10; n += 1) expect((await read(`guess-${n}`, '10.0.0.2')).status).toBe(401);
    const throttled = await read(DASHBOARD_CODE, '10.0.0.2');
    expect(throttled.status).toBe(429);
    expect(throttled.error?.code).toBe('tooManyAttempts');
    // Many addresses guessing together: the code's own bucket (20, then one a second) runs out.
    let refused = 0;
    for (let n = 0; n < 20; n += 1) {
      const answer = await read(`guess-${n}`, `10.0.1.${n}`);
      if (answer.status === 429) refused += 1;
      else expect(answer.status).toBe(401);
    }
    expect(refused).toBe(10);
    expect((await read(DASHBOARD_CODE, '10.0.0.3')).status).toBe(429);
    // The admin secret has a bucket of its own: the dashboard's guessing does not lock it.
    const registered = await call(core, 'POST', '/admin/venues', {
      token: ADMIN_SECRET,
      body: { name: '城关镇' },
      address: '10.0.0.4',
    });
    expect(registered.status).toBe(200);
    for (let n = 0; n < 10; n += 1) {
      const guess = await call(core, 'POST', '/admin/venues', {
        token: `guess-${n}`,
        body: { name: `伪造${n}` },
        address: '10.0.0.5',
      });
      expect(guess.status).toBe(401);
    }
    const locked = await call(core, 'POST', '/admin/venues', {
      token: ADMIN_SECRET,
      body: { name: '伪造镇' },
      address: '10.0.0.5',
    });
    expect(locked.status).toBe(429);
    expect((await store.venues()).map((venue) => venue.name)).toEqual(['城关镇']);
    // Time refills the buckets: the right code reads again.
    clock.now += 60_000;
    expect((await read(DASHBOARD_CODE, '10.0.0.3')).status).toBe(200);
  });

  it('refuses, one by one, event ids PostgreSQL cannot keep as they are, and stores the rest of the batch', async () => {
    const { core, store } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    const withId = (n: number, id: string): WireEvent => ({ ...markEvent(n), id });
    // A NUL failed the whole batch (503, and the relay sent it again forever); two ids that
    // differ only in a lone surrogate were stored as one.
    const events = [
      markEvent(1),
      withId(2, 'nul\u0000id'),
      withId(3, 'lone\ud800'),
      withId(4, 'lone\udc00'),
      markEvent(5),
    ];
    const answer = await call<HubPushResponse>(core, 'POST', '/push', {
      token: venue.venueKey,
      body: { venueId: venue.venueId, serverId: 'server-1', through: 5, events },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.refused.map((refused) => [refused.index, refused.code, refused.path])).toEqual([
      [1, 'malformedEvent', 'id'],
      [2, 'malformedEvent', 'id'],
      [3, 'malformedEvent', 'id'],
    ]);
    expect((await store.readVenue(venue.venueId, 0, 10)).map((row) => JSON.parse(row.body).id)).toEqual([
      markEvent(1).id,
      markEvent(5).id,
    ]);
  });

  it('refuses a venue name with control or bidirectional-override characters, by name, and stores nothing', async () => {
    const { core, store } = await testHub();
    for (const name of ['城关\u0000镇', '城关\n镇', '\u001b[31m城关镇', '\u202e镇关城', '城关\ud800镇']) {
      const refused = await call(core, 'POST', '/admin/venues', { token: ADMIN_SECRET, body: { name } });
      expect(refused.status).toBe(400);
      expect(refused.error?.message).toContain('"name"');
    }
    expect(await store.venues()).toEqual([]);
    // Markup is text like any other: the dashboard page writes names with textContent.
    expect((await registerVenue(core, '<img src=x onerror=alert(1)>')).name).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('refuses a push naming another venue by a value nested a million deep, without echoing it', async () => {
    const hub = await testHub();
    const venue = await registerVenue(hub.core, '城关镇');
    const server = await startHubServer({ core: hub.core, host: '127.0.0.1', port: 0, tls: null });
    cleanups.push(() => server.close());
    const depth = 1_000_000;
    const response = await fetch(`http://127.0.0.1:${server.port}/hub/v1/push`, {
      method: 'POST',
      headers: { 'Leitai-Protocol': String(PROTOCOL_VERSION), Authorization: `Bearer ${venue.venueKey}` },
      body: `{"venueId":${'['.repeat(depth)}${']'.repeat(depth)},"serverId":"s","through":1,"events":[]}`,
    });
    expect(response.status).toBe(403);
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('foreignVenue');
    expect(answer.error.message.length).toBeLessThan(300);
  });

  it('answers every route over https with HSTS, the security headers and no CORS header', async () => {
    const hub = await testHub();
    const dir = mkdtempSync(join(tmpdir(), 'leitai-hub-tls-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const tls = localTls(dir, { dns: ['localhost'], ips: ['127.0.0.1'] }, 'hub');
    const server = await startHubServer({
      core: hub.core,
      host: '127.0.0.1',
      port: 0,
      tls: { certFile: join(dir, 'tls', 'server.crt.pem'), keyFile: join(dir, 'tls', 'server.key.pem') },
    });
    cleanups.push(() => server.close());
    const headersOf = (method: string, path: string, token: string | null) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            method,
            path,
            ca: tls.caCert as string,
            servername: 'localhost',
            headers: {
              Origin: 'https://elsewhere.example',
              'Leitai-Protocol': String(PROTOCOL_VERSION),
              ...(token ? { Authorization: `Bearer ${token}` } : {}),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, ...res.headers }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    for (const [method, path, token] of [
      ['GET', '/dashboard', null],
      ['GET', '/dashboard.js', null],
      ['GET', '/hub/v1/dashboard', DASHBOARD_CODE],
      ['GET', '/hub/v1/dashboard', 'wrong'],
      ['OPTIONS', '/hub/v1/push', null],
      ['GET', '/../../etc/passwd', null],
    ] as const) {
      const headers = await headersOf(method, path, token);
      expect(headers['strict-transport-security'], path).toBe('max-age=31536000');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(Object.keys(headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it("pulls a venue's photos a page of at most 8 MB at a time, and the dashboard still reads every event", async () => {
    const { core } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    // Three photos of 4 MB, then a mark: a page of 1000 events once held all of them at once
    // (a few such pulls of a venue's photos took the hub to gigabytes, and down).
    const photo = (n: number): WireEvent =>
      ({
        ...markEvent(n),
        type: 'entity.put',
        payload: {
          table: 'photos',
          revision: 1,
          entity: {
            id: `photo-${n}`,
            roundId: 'r1',
            blob: { mediaType: 'image/jpeg', base64: 'A'.repeat(4 * 1024 * 1024) },
          },
        },
      }) as WireEvent;
    const events = [photo(1), photo(2), photo(3), markEvent(4)];
    for (const [index, event] of events.entries()) {
      const pushed = await call<HubPushResponse>(core, 'POST', '/push', {
        token: venue.venueKey,
        body: { venueId: venue.venueId, serverId: 'server-1', through: index + 1, events: [event] },
      });
      expect(pushed.body.accepted).toBe(1);
    }
    const pulled: string[] = [];
    let after = 0;
    let pages = 0;
    for (; pages < 10; pages += 1) {
      const answer = await call<HubPullResponse>(core, 'GET', '/pull', {
        token: venue.venueKey,
        query: { after: String(after) },
      });
      // At least one event, and nothing past the limit but that one.
      expect(answer.body.events.length).toBeGreaterThan(0);
      const sizes = answer.body.events.map((event) => JSON.stringify(event).length);
      expect(sizes.slice(0, -1).reduce((sum, size) => sum + size, 0)).toBeLessThan(MAX_PAGE_BYTES);
      pulled.push(...answer.body.events.map((event) => event.id));
      after = answer.body.cursor;
      if (after >= answer.body.head) break;
    }
    expect(pulled).toEqual(events.map((event) => event.id));
    expect(pages).toBeGreaterThan(0);
    const dashboard = await call<CityDashboard>(core, 'GET', '/dashboard', { token: DASHBOARD_CODE });
    expect(dashboard.body.venues.map((shown) => shown.events)).toEqual([events.length]);
  });

  it("lets a venue's forged locks, marks and rounds change its own dashboard entry only, never another venue's", async () => {
    const { core } = await testHub();
    const forger = await registerVenue(core, '城关镇');
    const honest = await registerVenue(core, '河口镇');
    // Both hold the same competition (the same ids): the forger's events name the honest one's.
    const { laptop } = await scoredVenue();
    const events = await wireLog(laptop);
    const push = (venue: typeof forger, batch: WireEvent[]) =>
      call<HubPushResponse>(core, 'POST', '/push', {
        token: venue.venueKey,
        body: { venueId: venue.venueId, serverId: 'server-1', through: 1, events: batch },
      });
    await push(honest, events);
    const before = await call<CityDashboard>(core, 'GET', '/dashboard', { token: DASHBOARD_CODE });
    const lock = events.find((event) => event.type === 'contestant.lock') as WireEvent;
    const round = events.find(
      (event) => event.type === 'entity.put' && event.payload.table === 'rounds',
    ) as WireEvent;
    let n = 0;
    const forged = (patch: { type?: WireEvent['type']; payload: unknown }): WireEvent =>
      ({
        ...lock,
        id: `forged-${++n}`.padEnd(32, 'f'),
        deviceSeq: 90_000 + n,
        ...patch,
      }) as unknown as WireEvent;
    const [first] = events.filter((event) => event.type === 'mark.set') as WireEvent[];
    const answer = await push(forger, [
      ...events,
      forged({
        payload: {
          ...(lock.payload as object),
          cells: [{ judgeId: 'x', criterionId: 'y', value: 999_999, head: null }],
        },
      }),
      forged({
        type: 'mark.set',
        payload: { ...((first as WireEvent).payload as object), value: 0, revision: 999 },
      }),
      forged({
        type: 'entity.put',
        payload: {
          ...(round.payload as { entity: object }),
          revision: 99,
          entity: { ...(round.payload as { entity: object }).entity, criteria: [] },
        },
      }),
    ]);
    expect(answer.body.refused).toEqual([]);
    const after = await call<CityDashboard>(core, 'GET', '/dashboard', { token: DASHBOARD_CODE });
    const entry = (city: CityDashboard, venueId: string) =>
      city.venues.find((venue) => venue.venueId === venueId);
    expect(entry(after.body, honest.venueId)).toEqual(entry(before.body, honest.venueId));
    expect(entry(after.body, forger.venueId)?.rounds[0]?.standings).toEqual({ refused: ['noCriteria'] });
  });
});
