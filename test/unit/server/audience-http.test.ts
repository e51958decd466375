// @vitest-environment node
// 大众投票 over the network: the venue server serves the voting page at /v, an audience token
// cannot open the live socket, and a vote reaches the organizer's live socket as a poke.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { getDeviceId, openAudienceVoting } from '../../../src/db/repository';
import { startVenueServer, type VenueServer } from '../../../src/server/http';
import {
  type AudienceJoinResponse,
  type LiveServerMessage,
  PROTOCOL_VERSION,
} from '../../../src/sync/protocol';
import { giveAudience } from '../audience/helpers';
import { freshDb, seedRound } from '../db/helpers';
import { claim, push, testServer, wireLog } from './helpers';

const servers: VenueServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const HEADERS = { 'leitai-protocol': String(PROTOCOL_VERSION) };

/** A live socket that said hello with `token`, and its next message. */
async function liveSocket(port: number, token: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`);
  const queue: LiveServerMessage[] = [];
  const waiting: ((message: LiveServerMessage) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as LiveServerMessage;
    const next = waiting.shift();
    if (next) next(message);
    else queue.push(message);
  });
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token }));
  return {
    next: () =>
      new Promise<LiveServerMessage>((resolve) => {
        const queued = queue.shift();
        if (queued) resolve(queued);
        else waiting.push(resolve);
      }),
    close: () => socket.close(),
  };
}

describe('audience voting over the network', () => {
  it('serves the voting page at /v; a phone joins and votes, and the organizer is poked', async () => {
    const { core } = testServer();
    const laptop = freshDb();
    const organizer = await claim(core, await getDeviceId(laptop));
    const seeded = await seedRound(laptop);
    const round = await giveAudience(laptop, seeded.round);
    await openAudienceVoting(laptop, round.id, seeded.contestants[0].id);
    await push(core, organizer.token, await wireLog(laptop));
    const root = await mkdtemp(join(tmpdir(), 'leitai-dist-'));
    dirs.push(root);
    await mkdir(join(root, 'src', 'app', 'audience'), { recursive: true });
    await writeFile(
      join(root, 'src', 'app', 'audience', 'vote.html'),
      '<!doctype html><title>大众投票</title>',
    );
    const server = await startVenueServer({
      core,
      staticRoot: root,
      host: '127.0.0.1',
      httpPort: 0,
      https: null,
    });
    servers.push(server);
    const origin = `http://127.0.0.1:${server.httpPort}`;

    const page = await fetch(`${origin}/v`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('大众投票');

    const joined = await fetch(`${origin}/api/v1/audience/join`, { method: 'POST', headers: HEADERS });
    expect(joined.status).toBe(200);
    const phone = ((await joined.json()) as AudienceJoinResponse).token;

    // An audience token is no device session: its live socket is refused.
    const refused = await liveSocket(server.httpPort, phone);
    expect(await refused.next()).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    refused.close();

    const live = await liveSocket(server.httpPort, organizer.token);
    expect((await live.next()).type).toBe('welcome');
    const vote = await fetch(`${origin}/api/v1/audience/vote`, {
      method: 'POST',
      headers: { ...HEADERS, authorization: `Bearer ${phone}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roundId: round.id, contestantId: seeded.contestants[0].id, value: 1 }),
    });
    expect(vote.status).toBe(200);
    expect(await live.next()).toEqual({ type: 'poke', head: core.head() });
    live.close();
  });
});
