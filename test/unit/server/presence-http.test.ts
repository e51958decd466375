// @vitest-environment node
// Presence over the network: a judge's tablet with its live socket open is online on the host
// console's GET /presence, and offline once the socket closes (src/server/http.ts tells the core).
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { getDeviceId } from '../../../src/db/repository';
import { startVenueServer, type VenueServer } from '../../../src/server/http';
import { PROTOCOL_VERSION, type PresenceResponse } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { claim, joinJudge, push, testServer, wireLog } from './helpers';

const servers: VenueServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('presence over the live socket', () => {
  it('is online while the tablet holds its socket, offline after', async () => {
    const { core } = testServer();
    const laptop = freshDb();
    const organizer = await claim(core, await getDeviceId(laptop));
    const seeded = await seedRound(laptop);
    await push(core, organizer.token, await wireLog(laptop));
    const tablet = (await joinJudge(core, seeded.judges[0].joinCode, 'tablet-1')).body;
    const server = await startVenueServer({
      core,
      staticRoot: '/nonexistent',
      host: '127.0.0.1',
      httpPort: 0,
      https: null,
    });
    servers.push(server);
    const base = `http://127.0.0.1:${server.httpPort}/api/v1`;
    const tabletOnline = async () => {
      const response = await fetch(`${base}/presence?round=${encodeURIComponent(seeded.round.id)}`, {
        headers: { 'leitai-protocol': String(PROTOCOL_VERSION), authorization: `Bearer ${organizer.token}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as PresenceResponse;
      return body.judges.find((judge) => judge.judgeId === seeded.judges[0].id)?.online;
    };

    expect(await tabletOnline()).toBe(false);
    const socket = new WebSocket(`ws://127.0.0.1:${server.httpPort}/api/v1/live`);
    const welcomed = new Promise((resolve) => socket.once('message', resolve));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: tablet.token }));
    await welcomed;
    expect(await tabletOnline()).toBe(true);

    socket.close();
    await expect.poll(tabletOnline).toBe(false);
  });
});
