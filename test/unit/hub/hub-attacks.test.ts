// @vitest-environment node
// The hub attacked as the venue server is (README, "Security model"): a push's body is read only
// from a venue key's holder, and wrong admin secrets and dashboard codes are counted as wrong
// codes are at the venue, on a real PostgreSQL and, for the body, over real HTTP.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubCore } from '../../../src/hub/core';
import { startHubServer } from '../../../src/hub/http';
import { hashSecret } from '../../../src/hub/secrets';
import { AttemptLimiter } from '../../../src/server/auth';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from '../../../src/sync/protocol';
import { ADMIN_SECRET, call, DASHBOARD_CODE, testHub } from './helpers';

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
});
