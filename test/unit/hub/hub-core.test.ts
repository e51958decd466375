// @vitest-environment node
// The hub (issue 17) on a real PostgreSQL: its migrations, venue registration with the admin
// secret, the venue key that writes and reads its own venue only, idempotent pushes and the
// cursor pull, and the protocol handshake it shares with the venue server.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/hub/migrations';
import { HubStore } from '../../../src/hub/store';
import type { HubPullResponse, HubPushResponse, HubVenueStatus } from '../../../src/sync/hub-protocol';
import { PROTOCOL_VERSION } from '../../../src/sync/protocol';
import { ADMIN_SECRET, call, markEvent, registerVenue, testHub } from './helpers';

/** The venue server's id, whose sequence numbers a push's `through` counts. */
const SERVER = 'venue-server-1';

async function rows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the hub: schema', () => {
  it('applies its numbered migrations once, recorded in hub_migrations, and again none', async () => {
    const { url } = await testHub();
    const applied = await rows<{ version: number }>(
      url,
      'SELECT version FROM hub_migrations ORDER BY version',
    );
    expect(applied.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    // Two more hubs on the same database at once: the lock lets neither apply anything twice.
    const [a, b] = await Promise.all([HubStore.open(url), HubStore.open(url)]);
    await Promise.all([a.close(), b.close()]);
    const after = await rows<{ count: number }>(url, 'SELECT COUNT(*)::int AS count FROM hub_migrations');
    expect(after[0]?.count).toBe(MIGRATIONS.length);
  });
});

describe('the hub: venues', () => {
  it('registers a venue with the admin secret only, and keeps its key hashed', async () => {
    const { core, url } = await testHub();
    for (const token of [null, 'wrong-secret']) {
      const refused = await call(core, 'POST', '/admin/venues', { token, body: { name: '城关镇' } });
      expect(refused.status).toBe(401);
      expect(refused.error?.code).toBe('unauthorized');
    }
    expect(await rows(url, 'SELECT * FROM venues')).toEqual([]);
    const venue = await registerVenue(core, '城关镇');
    expect(venue.name).toBe('城关镇');
    expect(venue.venueKey.length).toBeGreaterThanOrEqual(40);
    const stored = await rows<{ key_hash: string }>(url, 'SELECT key_hash FROM venues');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.key_hash).not.toContain(venue.venueKey);
    const again = await call(core, 'POST', '/admin/venues', {
      token: ADMIN_SECRET,
      body: { name: '城关镇' },
    });
    expect(again.error?.code).toBe('venueExists');
    const status = await call<HubVenueStatus>(core, 'GET', '/venue', {
      token: venue.venueKey,
      query: { server: SERVER },
    });
    expect(status.body).toEqual({ venueId: venue.venueId, name: '城关镇', ackedThrough: 0 });
  });

  it('refuses a registration without a proper name, and stores nothing', async () => {
    const { core, url } = await testHub();
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, { name: 7 }]) {
      const refused = await call(core, 'POST', '/admin/venues', { token: ADMIN_SECRET, body });
      expect(refused.error?.code).toBe('malformedRequest');
      expect(refused.error?.message).toContain('"name"');
    }
    expect(await rows(url, 'SELECT * FROM venues')).toEqual([]);
  });
});

describe('the hub: push and pull', () => {
  it('stores a batch once: sent again, every event is a duplicate', async () => {
    const { core, url } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    const events = [1, 2, 3].map((n) => markEvent(n));
    const body = { venueId: venue.venueId, serverId: SERVER, through: 3, events };
    const first = await call<HubPushResponse>(core, 'POST', '/push', { token: venue.venueKey, body });
    expect(first.body).toEqual({ accepted: 3, duplicates: 0, refused: [], ackedThrough: 3 });
    const again = await call<HubPushResponse>(core, 'POST', '/push', { token: venue.venueKey, body });
    expect(again.body).toEqual({ accepted: 0, duplicates: 3, refused: [], ackedThrough: 3 });
    const stored = await rows<{ id: string }>(url, 'SELECT id FROM events ORDER BY seq');
    expect(stored.map((row) => row.id)).toEqual(events.map((event) => event.id));
    // An older batch arriving late does not move the acknowledged point back.
    const late = await call<HubPushResponse>(core, 'POST', '/push', {
      token: venue.venueKey,
      body: { venueId: venue.venueId, serverId: SERVER, through: 1, events: events.slice(0, 1) },
    });
    expect(late.body.ackedThrough).toBe(3);
  });

  it("counts the acknowledged point per venue server: a venue's new data directory starts at 0", async () => {
    const { core } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    await call(core, 'POST', '/push', {
      token: venue.venueKey,
      body: { venueId: venue.venueId, serverId: SERVER, through: 40, events: [markEvent(1)] },
    });
    const status = (server: string) =>
      call<HubVenueStatus>(core, 'GET', '/venue', { token: venue.venueKey, query: { server } });
    expect((await status(SERVER)).body.ackedThrough).toBe(40);
    expect((await status('new-server')).body.ackedThrough).toBe(0);
    const fresh = await call<HubPushResponse>(core, 'POST', '/push', {
      token: venue.venueKey,
      body: { venueId: venue.venueId, serverId: 'new-server', through: 2, events: [markEvent(2)] },
    });
    expect(fresh.body.ackedThrough).toBe(2);
    const missing = await call(core, 'GET', '/venue', { token: venue.venueKey });
    expect(missing.error?.code).toBe('malformedRequest');
  });

  it("keeps each venue's events under its own id: the same event id in two venues is two events", async () => {
    const { core, url } = await testHub();
    const a = await registerVenue(core, '城关镇');
    const b = await registerVenue(core, '河口镇');
    const body = (venueId: string) => ({ venueId, serverId: SERVER, through: 1, events: [markEvent(1)] });
    await call(core, 'POST', '/push', { token: a.venueKey, body: body(a.venueId) });
    const second = await call<HubPushResponse>(core, 'POST', '/push', {
      token: b.venueKey,
      body: body(b.venueId),
    });
    expect(second.body.accepted).toBe(1);
    const stored = await rows<{ venue_id: string }>(url, 'SELECT venue_id FROM events ORDER BY seq');
    expect(stored.map((row) => row.venue_id)).toEqual([a.venueId, b.venueId]);
  });

  it("refuses a venue key that writes another venue's events, or a forged venue id, and stores nothing", async () => {
    const { core, url } = await testHub();
    const a = await registerVenue(core, '城关镇');
    const b = await registerVenue(core, '河口镇');
    for (const venueId of [b.venueId, 'forged-venue', undefined, 42]) {
      const refused = await call(core, 'POST', '/push', {
        token: a.venueKey,
        body: { venueId, serverId: SERVER, through: 1, events: [markEvent(1)] },
      });
      expect(refused.status).toBe(403);
      expect(refused.error?.code).toBe('foreignVenue');
    }
    const pulled = await call(core, 'GET', '/pull', { token: a.venueKey, query: { venueId: b.venueId } });
    expect((pulled.body as HubPullResponse).venueId).toBe(a.venueId);
    for (const token of [null, 'not-a-venue-key', ADMIN_SECRET]) {
      const refused = await call(core, 'POST', '/push', {
        token,
        body: { venueId: a.venueId, serverId: SERVER, through: 1, events: [markEvent(1)] },
      });
      expect(refused.status).toBe(401);
      expect(refused.error?.code).toBe('unauthorized');
    }
    expect(await rows(url, 'SELECT * FROM events')).toEqual([]);
    const statuses = await rows<{ acked_through: number }>(url, 'SELECT acked_through FROM venues');
    expect(statuses.map((row) => Number(row.acked_through))).toEqual([0, 0]);
  });

  it("stores many venues' pushes arriving at once, each once, in its venue's order, each answered for itself", async () => {
    const { core, url } = await testHub();
    const venues = await Promise.all(
      ['城关镇', '河口镇', '新街镇', '马厂镇'].map((name) => registerVenue(core, name)),
    );
    const batch = (first: number) => [first, first + 1, first + 2].map((n) => markEvent(n));
    const pushOf = (venue: (typeof venues)[number], events: ReturnType<typeof batch>, through: number) =>
      call<HubPushResponse>(core, 'POST', '/push', {
        token: venue.venueKey,
        body: { venueId: venue.venueId, serverId: SERVER, through, events },
      });
    // Every venue at once, each as its relay sends: a batch, that batch again (a retry after a
    // lost answer), the next batch.
    const answers = (
      await Promise.all(
        venues.map(async (venue) => [
          await pushOf(venue, batch(1), 3),
          await pushOf(venue, batch(1), 3),
          await pushOf(venue, batch(4), 6),
        ]),
      )
    ).flat();
    expect(answers.map((answer) => [answer.body.accepted, answer.body.ackedThrough])).toEqual(
      venues.flatMap(() => [
        [3, 3],
        [0, 3],
        [3, 6],
      ]),
    );
    for (const venue of venues) {
      const stored = await rows<{ id: string }>(
        url,
        'SELECT id FROM events WHERE venue_id = $1 ORDER BY seq',
        [venue.venueId],
      );
      expect(stored.map((row) => row.id)).toEqual([...batch(1), ...batch(4)].map((event) => event.id));
    }
  });

  it('never lets the cursor skip an event while two hubs on one database take pushes at once', async () => {
    const { core, url } = await testHub();
    const other = await HubStore.open(url);
    try {
      const venues = await Promise.all([1, 2, 3, 4].map((n) => registerVenue(core, `第${n}赛区`)));
      const seen: number[] = [];
      let pushing = true;
      const follower = (async () => {
        let cursor = 0;
        for (;;) {
          const last = !pushing;
          const page = await other.tail(cursor, 1000);
          seen.push(...page.map((row) => row.seq));
          cursor = page.at(-1)?.seq ?? cursor;
          if (last) return;
        }
      })();
      // Half the venues push through this hub's store, half through the other's, 40 batches each.
      await Promise.all(
        venues.map(async (venue, v) => {
          const store = v % 2 === 0 ? core.store : other;
          for (let n = 1; n <= 40; n += 1) {
            await store.insertVenueEvents(venue.venueId, SERVER, n, [
              { id: `mark-${n}`, type: 'mark.set', body: JSON.stringify(markEvent(n)) },
            ]);
          }
        }),
      );
      pushing = false;
      await follower;
      const all = await rows<{ seq: number }>(url, 'SELECT seq FROM events ORDER BY seq');
      expect(all).toHaveLength(160);
      expect(seen).toEqual(all.map((row) => Number(row.seq)));
    } finally {
      await other.close();
    }
  });

  it('refuses a malformed event by name and place, and stores the rest of the batch', async () => {
    const { core, url } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    const bad = { ...markEvent(2), unknownField: true };
    const answer = await call<HubPushResponse>(core, 'POST', '/push', {
      token: venue.venueKey,
      body: {
        venueId: venue.venueId,
        serverId: SERVER,
        through: 3,
        events: [markEvent(1), bad, markEvent(3)],
      },
    });
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.refused).toEqual([
      expect.objectContaining({ index: 1, eventId: bad.id, code: 'malformedEvent' }),
    ]);
    expect(await rows(url, 'SELECT id FROM events')).toHaveLength(2);
  });

  it("pulls the venue's own events after the hub's cursor, page by page, never another venue's", async () => {
    const { core } = await testHub();
    const a = await registerVenue(core, '城关镇');
    const b = await registerVenue(core, '河口镇');
    const aEvents = [1, 2, 3, 4, 5].map((n) => markEvent(n));
    await call(core, 'POST', '/push', {
      token: a.venueKey,
      body: { venueId: a.venueId, serverId: SERVER, through: 5, events: aEvents },
    });
    await call(core, 'POST', '/push', {
      token: b.venueKey,
      body: {
        venueId: b.venueId,
        serverId: SERVER,
        through: 1,
        events: [markEvent(9, 'other-tablet'.padEnd(32, '0'))],
      },
    });
    const seen: string[] = [];
    let cursor = 0;
    let head = 1;
    while (cursor < head) {
      const page = await call<HubPullResponse>(core, 'GET', '/pull', {
        token: a.venueKey,
        query: { after: String(cursor), limit: '2' },
      });
      expect(page.body.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.events.map((event) => event.id));
      cursor = page.body.cursor;
      head = page.body.head;
    }
    expect(seen).toEqual(aEvents.map((event) => event.id));
    const bad = await call(core, 'GET', '/pull', { token: a.venueKey, query: { after: '-1' } });
    expect(bad.error?.code).toBe('malformedRequest');
  });

  it('answers a relay of another protocol version with the named refusal, as the venue server does', async () => {
    const { core } = await testHub();
    const old = await call(core, 'GET', '/hello', { protocol: '1' });
    expect(old.status).toBe(426);
    expect(old.error?.code).toBe('protocolTooOld');
    const newer = await call(core, 'GET', '/hello', { protocol: String(PROTOCOL_VERSION + 1) });
    expect(newer.error?.code).toBe('protocolTooNew');
    const none = await call(core, 'GET', '/hello', { protocol: null });
    expect(none.error?.code).toBe('malformedRequest');
    const hello = await call(core, 'GET', '/hello');
    expect(hello.body).toEqual({
      protocol: PROTOCOL_VERSION,
      minProtocol: expect.any(Number),
      hubId: 'test-hub',
    });
  });
});
