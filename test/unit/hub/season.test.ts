// @vitest-environment node
// The hub's season 积分制 (issue 17): every venue's final rounds posted into each season by its
// points table, the ledger equal to the one the domain's import builds from the same
// competitions' backups, whatever order the venues pushed in; entries and corrections by hand
// with the admin secret; the dashboard code reads and never writes; a venue key touches nothing.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { BackupFile } from '../../../src/domain/backup';
import type { LeitaiEvent } from '../../../src/domain/events';
import { type Period, parsePeriod, type Season, seasonStandings } from '../../../src/domain/season';
import { importBackups, readPointsTable } from '../../../src/domain/season-import';
import { startHubServer } from '../../../src/hub/http';
import {
  addSeasonEntry,
  createSeason as createSeasonOverHttp,
  refusalLines,
} from '../../../src/hub/season-client';
import type {
  HubSeasonAnswer,
  HubSeasonEntryAnswer,
  HubSeasonRefusal,
  HubSeasonsResponse,
  HubSeasonView,
} from '../../../src/sync/hub-season-protocol';
import {
  backupOfEvents,
  competitionBackup,
  NOVEMBER_CONTEST,
  NOVEMBER_SPEECH,
} from '../domain/season-backups';
import { ADMIN_SECRET, call, DASHBOARD_CODE, registerVenue, type TestHub, testHub } from './helpers';

const TABLE = { by: 'placing', points: { '1': 10, '2': '8', '3': 6.5 } };
const SEASON = { id: 's2026', name: '2026年度积分' };
const november = parsePeriod('2026-11') as Period;

const contest = competitionBackup(NOVEMBER_CONTEST);
const speech = competitionBackup(NOVEMBER_SPEECH);
const eventsOf = (backup: BackupFile): LeitaiEvent[] => backup.events.map(({ event }) => event);

/** The ledger the domain's import (`leitai season`) builds from these backups. */
function importedLedger(...backups: BackupFile[]): Season {
  const empty: Season = { ...SEASON, members: [], table: readPointsTable(TABLE), entries: [] };
  return importBackups(
    empty,
    backups.map((value, at) => ({ name: `backup-${at}.json`, value })),
  ).season;
}

async function push(hub: TestHub, venue: { venueId: string; venueKey: string }, events: readonly unknown[]) {
  const answer = await call(hub.core, 'POST', '/push', {
    token: venue.venueKey,
    body: { venueId: venue.venueId, serverId: 'server', through: events.length, events },
  });
  expect(answer.status).toBe(200);
}

async function createSeason(hub: TestHub, body: unknown = { ...SEASON, table: TABLE }) {
  return call<HubSeasonAnswer>(hub.core, 'POST', '/admin/seasons', { token: ADMIN_SECRET, body });
}

async function season(hub: TestHub, token = DASHBOARD_CODE, period = '2026-11'): Promise<HubSeasonView> {
  const answer = await call<HubSeasonsResponse>(hub.core, 'GET', '/season', {
    token,
    query: { period, season: SEASON.id },
  });
  expect(answer.status).toBe(200);
  return answer.body.seasons[0] as HubSeasonView;
}

async function addEntry(hub: TestHub, body: unknown, seasonId = SEASON.id) {
  const answer = await call<HubSeasonEntryAnswer>(hub.core, 'POST', `/admin/seasons/${seasonId}/entries`, {
    token: ADMIN_SECRET,
    body,
  });
  return { ...answer, error: answer.error as HubSeasonRefusal | undefined };
}

/** Two venues on a hub with a season, each venue's competition pushed in batches of `size`. */
async function cityWithSeason(order: 'contestFirst' | 'speechFirst', size: number) {
  const hub = await testHub();
  expect((await createSeason(hub)).body.created).toBe(true);
  const competitions = order === 'contestFirst' ? [contest, speech] : [speech, contest];
  for (const [at, backup] of competitions.entries()) {
    const venue = await registerVenue(hub.core, `场馆${at}`);
    const events = eventsOf(backup);
    // Batches in reverse order when speech goes first: the hub's order differs, the events do not.
    const batches = [];
    for (let start = 0; start < events.length; start += size) batches.push(events.slice(start, start + size));
    for (const batch of order === 'contestFirst' ? batches : batches.reverse()) await push(hub, venue, batch);
  }
  return hub;
}

describe("the hub's season", () => {
  it("posts every venue's final rounds: the ledger and standings of the domain's import", async () => {
    const hub = await cityWithSeason('contestFirst', 500);
    const expected = importedLedger(contest, speech);
    const view = await season(hub);
    expect(view.ledger).toEqual(expected);
    expect(view.standings).toEqual(seasonStandings(expected, november));
    expect(view.standings.ranked.length).toBeGreaterThan(0);
    expect(view.notes).toEqual([]);
    // The admin secret reads the same; other periods rank nothing posted outside them.
    expect(await season(hub, ADMIN_SECRET)).toEqual(view);
    const december = await season(hub, DASHBOARD_CODE, '2026-12');
    expect(december.standings).toEqual(seasonStandings(expected, parsePeriod('2026-12') as Period));
    expect(december.standings.ranked).toEqual([]);
  });

  it('gives the same ledger, byte for byte, whatever order the venues pushed in, and again', async () => {
    const first = await cityWithSeason('contestFirst', 500);
    const second = await cityWithSeason('speechFirst', 3);
    const bytes = async (hub: TestHub) => JSON.stringify((await season(hub)).ledger);
    const ledger = await bytes(first);
    expect(await bytes(second)).toBe(ledger);
    // The same competition's events again, through another venue: the same entries, once.
    const repeated = await registerVenue(first.core, '重复场馆');
    await push(first, repeated, eventsOf(contest));
    expect(await bytes(first)).toBe(ledger);
  });

  it('names a competition without a date, leaves out the demo, and posts the rest', async () => {
    const hub = await cityWithSeason('contestFirst', 500);
    const undated = await registerVenue(hub.core, '无日期场馆');
    const { date: _date, ...withoutDate } = { ...NOVEMBER_SPEECH, id: 'c-undated' };
    await push(hub, undated, eventsOf(competitionBackup(withoutDate)));
    const demo = await registerVenue(hub.core, '示例场馆');
    const demoEvents = eventsOf(competitionBackup({ ...NOVEMBER_SPEECH, id: 'c-demo' })).map((event) =>
      event.type === 'entity.put' && event.payload.table === 'competitions'
        ? { ...event, payload: { ...event.payload, entity: { ...event.payload.entity, demo: true } } }
        : event,
    );
    await push(hub, demo, demoEvents);
    const view = await season(hub);
    expect(view.ledger).toEqual(importedLedger(contest, speech));
    expect(view.notes.map((note) => [note.code, note['zh-CN']])).toEqual([
      [
        'venueCompetitionUndated',
        '无日期场馆：赛事“十一月演讲比赛”没有日期，其成绩暂不记入积分（在赛事设置中填写日期后自动记入）',
      ],
    ]);
  });

  it('takes entries and corrections by hand, checked by the domain; a refusal stores nothing', async () => {
    const hub = await cityWithSeason('contestFirst', 500);
    const before = await season(hub);
    const zhang = before.ledger?.members.find((member) => member.name === '张三');
    const posted = before.ledger?.entries.find(
      (entry) => entry.memberId === zhang?.id && entry.source.kind === 'competition',
    );
    expect(zhang && posted).toBeTruthy();
    // 学习教育 for 张三, named with a stray space: the member the venues posted.
    const study = await addEntry(hub, {
      date: '2026-11-25',
      name: ' 张三',
      unit: '三工镇',
      item: '学习教育',
      points: '2.5',
      reason: '参加专题学习',
    });
    expect(study.status).toBe(200);
    expect(study.body).toMatchObject({ memberId: zhang?.id, added: true });
    // A correction of a posted entry replaces its points.
    const correction = {
      id: 'fix-1',
      date: '2026-11-26',
      memberId: zhang?.id,
      item: '成绩更正',
      points: 3,
      reason: '复核后更正',
      corrects: posted?.id,
    };
    expect((await addEntry(hub, correction)).body).toMatchObject({ entryId: 'fix-1', added: true });
    // Sent again: the same entry, stored once.
    expect((await addEntry(hub, correction)).body).toMatchObject({ entryId: 'fix-1', added: false });
    const after = await season(hub);
    const withManual = after.ledger as Season;
    expect(withManual.entries.length).toBe((before.ledger?.entries.length ?? 0) + 2);
    expect(after.standings).toEqual(seasonStandings(withManual, november));
    const row = after.standings.ranked.find((standing) => standing.memberId === zhang?.id);
    const beforeRow = before.standings.ranked.find((standing) => standing.memberId === zhang?.id);
    const shift = 250 + 300 - (posted?.points ?? 0);
    expect(Math.round(Number(row?.points) * 100)).toBe(Math.round(Number(beforeRow?.points) * 100) + shift);

    const stored = async () => (await hub.store.pool.query('SELECT id, entry FROM hub_season_entries')).rows;
    const kept = await stored();
    const refusals: [unknown, string, string[]][] = [
      [{ ...correction, id: 'fix-2' }, 'malformedRequest', ['correctionTargetCorrected']],
      [{ ...correction, id: 'fix-1', points: 4 }, 'malformedRequest', ['entryIdTaken']],
      [
        { ...correction, id: 'fix-3', memberId: 'm-nobody', corrects: undefined },
        'malformedRequest',
        ['entryMemberUnknown'],
      ],
      [
        { ...correction, id: 'fix-4', corrects: 'no-such-entry' },
        'malformedRequest',
        ['correctionTargetUnknown'],
      ],
      [
        { ...correction, id: 'fix-5', reason: ' ', corrects: undefined },
        'malformedRequest',
        ['entryReasonEmpty'],
      ],
      [
        { ...correction, id: 'fix-6', date: '2026-02-30', corrects: undefined },
        'malformedRequest',
        ['entryDateInvalid'],
      ],
      [{ ...correction, points: '1.005' }, 'malformedRequest', []],
      [{ ...correction, points: true }, 'malformedRequest', []],
      [{ ...correction, extra: 1 }, 'malformedRequest', []],
      [{ ...correction, name: '张三' }, 'malformedRequest', []],
      [{ ...correction, memberId: undefined, corrects: undefined, name: ' ' }, 'malformedRequest', []],
      [
        { ...correction, memberId: undefined, corrects: undefined, name: '张三', unit: 3 },
        'malformedRequest',
        [],
      ],
      [{ ...correction, item: 'x'.repeat(201) }, 'malformedRequest', []],
      [{ ...correction, id: '../x' }, 'malformedRequest', []],
      [[correction], 'malformedRequest', []],
    ];
    for (const [body, code, issues] of refusals) {
      const refused = await addEntry(hub, body);
      expect(refused.error?.code, JSON.stringify(body)).toBe(code);
      expect(new Set(refused.error?.issues?.map((issue) => issue.code) ?? [])).toEqual(new Set(issues));
    }
    expect((await addEntry(hub, correction, 'no-season')).error?.code).toBe('notFound');
    expect(await stored()).toEqual(kept);
    expect((await season(hub)).ledger).toEqual(withManual);
  });

  it('follows the events: a reopened round leaves the ledger, and a correction of it stops counting', async () => {
    const hub = await testHub();
    await createSeason(hub);
    const venue = await registerVenue(hub.core, '城关镇');
    const events = eventsOf(contest);
    await push(hub, venue, events);
    const posted = (await season(hub)).ledger?.entries[0] as Season['entries'][number];
    const correction = { id: 'fix', date: '2026-11-30', memberId: posted.memberId, item: '更正', points: 1 };
    const fixed = await addEntry(hub, { ...correction, reason: '复核', corrects: posted.id });
    expect(fixed.body.added).toBe(true);
    const closed = await season(hub);

    // 重新打开: the round is provisional again, as the domain's import of the same events says.
    const close = events.find((event) => event.type === 'round.close') as LeitaiEvent;
    const reopen = { ...close, id: 'reopen'.padEnd(32, '0'), deviceSeq: events.length + 1 } as LeitaiEvent;
    Object.assign(reopen, { type: 'round.reopen', payload: { revision: 2 } });
    await push(hub, venue, [reopen]);
    const reopened = await season(hub);
    expect(reopened.ledger).toEqual(importedLedger(backupOfEvents([...events, reopen], NOVEMBER_CONTEST.id)));
    expect(reopened.notes.map((note) => note.code)).toEqual(['entryNotCounted']);

    // Closed again: the round's results and the correction count as before.
    const closeAgain = { ...close, id: 'close-again'.padEnd(32, '0'), deviceSeq: events.length + 2 };
    await push(hub, venue, [{ ...closeAgain, payload: { revision: 3 } }]);
    expect(await season(hub)).toEqual(closed);
  });

  it('checks two corrections of one entry sent at once one after the other: one is stored', async () => {
    const hub = await cityWithSeason('contestFirst', 500);
    const posted = (await season(hub)).ledger?.entries[0] as Season['entries'][number];
    const correction = {
      date: '2026-11-30',
      memberId: posted.memberId,
      item: '更正',
      points: 1,
      reason: '复核',
    };
    const answers = await Promise.all(
      ['a', 'b'].map((id) => addEntry(hub, { ...correction, id, corrects: posted.id })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const refused = answers.find((answer) => answer.status === 400);
    expect(refused?.error?.issues?.map((issue) => issue.code)).toEqual(['correctionTargetCorrected']);
  });

  it('creates and updates a season with a checked table, refusing a bad one whole', async () => {
    const hub = await cityWithSeason('contestFirst', 500);
    const points = async () => (await season(hub)).standings.ranked.map((row) => row.points);
    const before = await points();
    const updated = await createSeason(hub, {
      ...SEASON,
      name: '改名',
      table: { by: 'placing', points: { '1': 20 } },
    });
    expect(updated.body).toMatchObject({ created: false, name: '改名' });
    const view = await season(hub);
    expect(view.standings.ranked.every((row) => row.points === '20.00')).toBe(true);
    expect(await points()).not.toEqual(before);
    const seasons = async () => (await hub.store.pool.query('SELECT * FROM hub_seasons')).rows;
    const kept = await seasons();
    const bad: [unknown, string[]][] = [
      [
        { ...SEASON, table: { by: 'placing', points: { '0': 1, '2': 'x' } } },
        ['tablePointsInvalid', 'tableRankInvalid'],
      ],
      [{ ...SEASON, table: { by: 'rank', points: {} } }, ['tableKindInvalid']],
      [{ ...SEASON, table: { by: 'award', points: {} } }, ['tableEmpty']],
      [{ ...SEASON, name: '' }, []],
      [{ ...SEASON, id: 'a b' }, []],
      [{ ...SEASON, name: 'x'.repeat(101) }, []],
      [{ ...SEASON, owner: 'me' }, []],
      ['s2026', []],
    ];
    for (const [body, issues] of bad) {
      const refused = await createSeason(hub, body);
      const error = (refused.body as unknown as { error: HubSeasonRefusal }).error;
      expect(error.code, JSON.stringify(body)).toBe('malformedRequest');
      expect(new Set(error.issues?.map((issue) => issue.code) ?? [])).toEqual(new Set(issues));
    }
    expect(await seasons()).toEqual(kept);
    // A season without a table gets the domain's default one.
    const plain = await createSeason(hub, { id: 'plain', name: '默认积分' });
    expect(plain.body.table).toEqual(
      readPointsTable({ by: 'placing', points: { 1: 10, 2: 8, 3: 6, 4: 5, 5: 4, 6: 3, 7: 2, 8: 1 } }),
    );
  });

  it('lets the dashboard code read seasons only, and a venue key touch none', async () => {
    const hub = await cityWithSeason('contestFirst', 500);
    const venue = await registerVenue(hub.core, '别的场馆');
    const snapshot = async () => {
      const client = new pg.Client({ connectionString: hub.url });
      await client.connect();
      try {
        const seasons = await client.query('SELECT * FROM hub_seasons ORDER BY id');
        const entries = await client.query('SELECT * FROM hub_season_entries ORDER BY seq');
        return { seasons: seasons.rows, entries: entries.rows };
      } finally {
        await client.end();
      }
    };
    const before = await snapshot();
    const entry = {
      date: '2026-11-25',
      name: '张三',
      unit: '三工镇',
      item: '学习',
      points: 1,
      reason: '学习',
    };
    // Each wrong secret from an address of its own: one address's wrong ones are limited (429).
    let caller = 0;
    const address = () => {
      caller += 1;
      return `10.0.9.${caller}`;
    };
    for (const token of [DASHBOARD_CODE, venue.venueKey, null, 'guess']) {
      const created = await call(hub.core, 'POST', '/admin/seasons', {
        token,
        body: { id: 'x', name: 'x' },
        address: address(),
      });
      expect(created.error?.code).toBe('unauthorized');
      const added = await call(hub.core, 'POST', `/admin/seasons/${SEASON.id}/entries`, {
        token,
        body: entry,
        address: address(),
      });
      expect(added.error?.code).toBe('unauthorized');
    }
    for (const token of [venue.venueKey, null, 'guess']) {
      const read = await call(hub.core, 'GET', '/season', {
        token,
        query: { period: '2026-11' },
        address: address(),
      });
      expect(read.error?.code).toBe('unauthorized');
    }
    for (const period of ['', '2026-13', '2026-Q5', 'november']) {
      const read = await call(hub.core, 'GET', '/season', { token: DASHBOARD_CODE, query: { period } });
      expect(read.error?.code).toBe('malformedRequest');
    }
    const unknown = await call(hub.core, 'GET', '/season', {
      token: DASHBOARD_CODE,
      query: { period: '2026', season: 'none' },
    });
    expect(unknown.error?.code).toBe('notFound');
    const all = await call<HubSeasonsResponse>(hub.core, 'GET', '/season', {
      token: DASHBOARD_CODE,
      query: { period: '2026-Q4', ledger: 'no' },
    });
    expect(all.body.seasons.map((view) => [view.id, 'ledger' in view])).toEqual([[SEASON.id, false]]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the hub's season from the command line", () => {
  it('creates a season and adds an entry over http, and prints each problem of a refusal', async () => {
    const hub = await cityWithSeason('contestFirst', 500);
    const server = await startHubServer({ core: hub.core, host: '127.0.0.1', port: 0, tls: null });
    try {
      const url = `http://127.0.0.1:${server.port}`;
      const created = await createSeasonOverHttp(url, ADMIN_SECRET, { id: 'cli', name: '命令行积分' });
      expect(created).toMatchObject({ id: 'cli', created: true });
      const entry = {
        date: '2026-11-30',
        name: '钱七',
        unit: '二六工镇',
        item: '扣分项',
        points: '-1.5',
        reason: '迟到',
      };
      const added = await addSeasonEntry(url, ADMIN_SECRET, 'cli', entry);
      expect(added.added).toBe(true);
      const view = await call<HubSeasonsResponse>(hub.core, 'GET', '/season', {
        token: DASHBOARD_CODE,
        query: { period: '2026-11', season: 'cli' },
      });
      const ledger = view.body.seasons[0]?.ledger as Season;
      expect(ledger.entries.find((found) => found.id === added.entryId)).toMatchObject({
        memberId: added.memberId,
        points: -150,
        source: { kind: 'manual', reason: '迟到' },
      });
      const refusal = await addSeasonEntry(url, ADMIN_SECRET, 'cli', { ...entry, reason: ' ' }).catch(
        (error: unknown) => error,
      );
      expect(refusalLines(refusal)).toEqual([expect.stringContaining('必须写明理由')]);
      const wrongSecret = await createSeasonOverHttp(url, 'wrong', { id: 'x', name: 'x' }).catch(
        (error: unknown) => error,
      );
      expect(refusalLines(wrongSecret)).toEqual([expect.stringMatching(/^unauthorized: /)]);
    } finally {
      await server.close();
    }
  });
});
