// @vitest-environment node
// Setup entities merge field by field (src/domain/events.ts mergeEntity): concurrent edits of
// different fields of one record both survive, and the fold, every device's projection and the
// venue server's admission hold the same record whatever order the events arrive in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readProjection } from '../../../src/db/read';
import { applyRemoteEvents } from '../../../src/db/remote';
import { putContestant, putJudge } from '../../../src/db/roster';
import { compareRevision, foldEvents, type LeitaiEvent, stampOf } from '../../../src/domain/events';
import type { CompetitionRecord, JudgeRecord } from '../../../src/domain/records';
import { Admission } from '../../../src/server/admission';
import { pullEvents } from '../../../src/sync/client';
import { loginAsOrganizer } from '../../../src/sync/session';
import { freshDb, seedRound } from '../db/helpers';
import { PASSWORD, testServer } from '../server/helpers';
import { type Device, deviceDb, pushAndPull, serverProjection, setUpVenue } from './helpers';
import { MemoryNetwork } from './memory-network';

const JUDGE: JudgeRecord = {
  id: 'judge-1',
  competitionId: 'competition',
  roundIds: ['round-1'],
  name: '王评委',
  title: '市委组织部',
  weight: 100,
  unit: null,
  joinCode: '12345678',
  order: 1,
};

const EDITABLE = ['name', 'title', 'weight', 'unit', 'order'] as const;
type Editable = (typeof EDITABLE)[number];

const VALUES: { [F in Editable]: fc.Arbitrary<JudgeRecord[F]> } = {
  name: fc.constantFrom('李评委', '赵评委'),
  title: fc.constantFrom('', '党校教授'),
  weight: fc.constantFrom(100, 200),
  unit: fc.constantFrom(null, '榆树沟镇'),
  order: fc.constantFrom(1, 2),
};

interface Edit {
  deviceId: string;
  revision: number;
  /** The fields the edit changes, and lists unless it is written whole. */
  fields: Editable[];
  values: Partial<JudgeRecord>;
}

const edit: fc.Arbitrary<Edit> = fc
  .record({
    deviceId: fc.constantFrom('device-a', 'device-b', 'device-c'),
    // The creation is revision 1: an edit supersedes it, and offline edits tie on revision.
    revision: fc.integer({ min: 2, max: 3 }),
    fields: fc.subarray([...EDITABLE], { minLength: 1 }),
  })
  .chain((written) =>
    fc.tuple(...written.fields.map((field): fc.Arbitrary<unknown> => VALUES[field])).map((values) => ({
      ...written,
      values: Object.fromEntries(written.fields.map((field, index) => [field, values[index]])),
    })),
  );

/**
 * The creation, then the edits, each device numbering its own events 1, 2, 3… An edit flagged
 * in `wholeEdits` is a whole put, as logs written before protocol 4 hold them.
 */
function logOf(edits: readonly Edit[], wholeEdits: readonly boolean[]): LeitaiEvent[] {
  const nextSeq = new Map<string, number>();
  const event = (deviceId: string, payload: LeitaiEvent<'entity.put'>['payload'], index: number) => {
    const deviceSeq = nextSeq.get(deviceId) ?? 1;
    nextSeq.set(deviceId, deviceSeq + 1);
    return {
      id: `${index.toString(16).padStart(8, '0')}${deviceId}`,
      deviceId,
      deviceSeq,
      author: { role: 'organizer' },
      competitionId: 'competition',
      roundId: null,
      recordedAt: '2026-11-23T10:00:00.000Z',
      type: 'entity.put',
      payload,
    } as LeitaiEvent;
  };
  return [
    event('device-a', { table: 'judges', entity: JUDGE, revision: 1 }, 0),
    ...edits.map(({ deviceId, revision, fields, values }, index) => {
      // The author's view of the other fields is the creation: it never outranks a real write.
      const entity = { ...JUDGE, ...values };
      const whole = wholeEdits[index] === true;
      return event(
        deviceId,
        whole ? { table: 'judges', entity, revision } : { table: 'judges', entity, revision, fields },
        index + 1,
      );
    }),
  ];
}

/**
 * The oracle, written without the merge: each field holds the value of the newest put (by
 * `compareRevision`) among those that write it, a whole put writing every field.
 */
function expectedJudge(log: readonly LeitaiEvent[]): JudgeRecord {
  const judge: Record<string, unknown> = { ...JUDGE };
  for (const field of EDITABLE) {
    const writers = (log as LeitaiEvent<'entity.put'>[]).filter((event) => {
      const { payload } = event;
      return (
        !('fields' in payload) || payload.fields === undefined || (payload.fields as string[]).includes(field)
      );
    });
    const newest = writers.reduce((a, b) => (compareRevision(stampOf(a), stampOf(b)) > 0 ? a : b));
    judge[field] = (newest.payload.entity as JudgeRecord)[field];
  }
  return judge as unknown as JudgeRecord;
}

/** Three deliveries of the same log in any order, each event at least once. */
function deliveries(log: LeitaiEvent[]): fc.Arbitrary<[LeitaiEvent[], LeitaiEvent[], LeitaiEvent[]]> {
  const delivery = fc.subarray(log).chain((again) =>
    fc.shuffledSubarray([...log, ...again], {
      minLength: log.length + again.length,
      maxLength: log.length + again.length,
    }),
  );
  return fc.tuple(delivery, delivery, delivery);
}

const scenario = fc
  .tuple(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { maxLength: 4 }))
  .map(([edits, wholeEdits]) => logOf(edits, wholeEdits))
  .chain((log) => fc.tuple(fc.constant(log), deliveries(log), fc.integer({ min: 1, max: 3 })));

describe('field-level merge of setup entities', () => {
  it('keeps every field’s newest write, the same in any order on every device and on the server', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([log, [first, second, toServer], batchSize]) => {
        const folded = foldEvents(log);
        expect(folded.entities.judges[JUDGE.id]).toEqual(expectedJudge(log));
        expect(foldEvents(first)).toEqual(folded);

        for (const delivery of [first, second]) {
          const device = freshDb();
          for (let start = 0; start < delivery.length; start += batchSize)
            await applyRemoteEvents(device, delivery.slice(start, start + batchSize));
          expect(await device.judges.get(JUDGE.id)).toEqual(folded.entities.judges[JUDGE.id]);
          expect(await readProjection(device)).toEqual(folded);
        }

        const server = Admission.fromLog(toServer.map((event) => JSON.stringify(event)));
        expect(server.judge(JUDGE.id)).toEqual(folded.entities.judges[JUDGE.id]);
      }),
      { numRuns: 40 },
    );
  }, 120_000); // two fresh databases a run: generous on a loaded machine

  it('keeps both of two concurrent edits of different fields', () => {
    const twoFields = fc
      .tuple(fc.constantFrom(...EDITABLE), fc.constantFrom(...EDITABLE))
      .filter(([mine, theirs]) => mine !== theirs);
    fc.assert(
      fc.property(twoFields, fc.constantFrom('device-a', 'device-b'), ([mine, theirs], firstDevice) => {
        const secondDevice = firstDevice === 'device-a' ? 'device-b' : 'device-a';
        const log = logOf(
          [
            { deviceId: firstDevice, revision: 2, fields: [mine], values: { [mine]: '甲' } },
            { deviceId: secondDevice, revision: 2, fields: [theirs], values: { [theirs]: '乙' } },
          ],
          [],
        );
        const judge = foldEvents(log).entities.judges[JUDGE.id] as unknown as Record<string, unknown>;
        expect(judge[mine]).toBe('甲');
        expect(judge[theirs]).toBe('乙');
        expect(foldEvents([...log].reverse()).entities.judges[JUDGE.id]).toEqual(judge);
      }),
    );
  });
});

describe('mergeEntity, case by case', () => {
  const COMPETITION: CompetitionRecord = {
    id: 'competition',
    name: '擂台比武',
    archived: false,
    venue: '党校',
  };
  let seq = 0;
  const put = (
    deviceId: string,
    revision: number,
    entity: CompetitionRecord,
    fields?: ('name' | 'venue' | 'archived')[],
  ): LeitaiEvent => {
    seq += 1;
    return {
      id: `put-${seq}`,
      deviceId,
      deviceSeq: seq,
      author: { role: 'organizer' },
      competitionId: 'competition',
      roundId: null,
      recordedAt: '2026-11-23T10:00:00.000Z',
      type: 'entity.put',
      payload: fields
        ? { table: 'competitions', entity, revision, fields }
        : { table: 'competitions', entity, revision },
    };
  };
  const remove = (deviceId: string, revision: number): LeitaiEvent => {
    seq += 1;
    return {
      id: `delete-${seq}`,
      deviceId,
      deviceSeq: seq,
      author: { role: 'organizer' },
      competitionId: 'competition',
      roundId: null,
      recordedAt: '2026-11-23T10:00:00.000Z',
      type: 'entity.delete',
      payload: { table: 'competitions', entityId: 'competition', revision },
    };
  };
  const both = (events: LeitaiEvent[]) => {
    const forward = foldEvents(events).entities.competitions.competition;
    expect(foldEvents([...events].reverse()).entities.competitions.competition).toEqual(forward);
    return forward;
  };

  it('clears an optional field an edit lists but its record lacks, keeping a concurrent edit of another', () => {
    const { venue: _venue, ...withoutVenue } = COMPETITION;
    expect(
      both([
        put('device-a', 1, COMPETITION),
        put('device-a', 2, withoutVenue, ['venue']),
        put('device-b', 2, { ...COMPETITION, name: '擂台比武（决赛）' }, ['name']),
      ]),
    ).toEqual({ id: 'competition', name: '擂台比武（决赛）', archived: false });
  });

  it('takes an edit delivered before the creation whole, until the creation’s own values arrive', () => {
    const creation = put('device-a', 1, COMPETITION);
    const edit = put('device-b', 2, { ...COMPETITION, name: '新名称', venue: '旧地点' }, ['name']);
    expect(foldEvents([edit]).entities.competitions.competition).toEqual({
      ...COMPETITION,
      name: '新名称',
      venue: '旧地点',
    });
    expect(both([creation, edit])).toEqual({ ...COMPETITION, name: '新名称' });
  });

  it('lets the newest event, put or delete, decide whether the record exists, with its fields merged', () => {
    const creation = put('device-a', 1, COMPETITION);
    const removal = remove('device-a', 2);
    const concurrentEdit = put('device-b', 2, { ...COMPETITION, venue: '文化馆' }, ['venue']);
    // Revision 2 ties; device-b sorts after device-a, so the edit is the newest event.
    expect(both([creation, removal, concurrentEdit])).toEqual({ ...COMPETITION, venue: '文化馆' });
    const laterRemoval = remove('device-a', 3);
    expect(both([creation, removal, concurrentEdit, laterRemoval])).toBeUndefined();
    expect(
      foldEvents([creation, laterRemoval, concurrentEdit]).entityHeads['["competitions","competition"]'],
    ).toMatchObject({
      deleted: true,
      fields: { venue: { value: '文化馆' } },
    });
  });

  it('lets a whole put, as protocol 3 clients wrote them, overwrite every field: why they are refused now', () => {
    const creation = put('device-a', 1, COMPETITION);
    const edit = put('device-b', 2, { ...COMPETITION, venue: '文化馆' }, ['venue']);
    const wholePut = put('device-c', 2, { ...COMPETITION, name: '擂台比武（决赛）' });
    expect(both([creation, edit, wholePut])).toEqual({ ...COMPETITION, name: '擂台比武（决赛）' });
  });
});

describe('an organizer’s edit, offline on two devices', () => {
  it('sends only the fields it changed, so both edits of one contestant survive the sync', async () => {
    const laptop = freshDb();
    const { round, contestants } = await seedRound(laptop);
    const setup = await laptop.events.toArray();
    const hostConsole = freshDb();
    await applyRemoteEvents(hostConsole, setup);
    const contestant = contestants[0];

    await putContestant(laptop, { id: contestant.id, roundId: round.id, name: '李四（更正）' });
    await putContestant(hostConsole, {
      id: contestant.id,
      roundId: round.id,
      unit: '北京路街道',
      topic: '乡村振兴',
    });
    const setupIds = new Set(setup.map((event) => event.id));
    const written = async (db: typeof laptop) =>
      (await db.events.toArray()).filter((event) => !setupIds.has(event.id));
    const fromLaptop = await written(laptop);
    const fromConsole = await written(hostConsole);
    expect(fromLaptop.map((event) => event.payload)).toEqual([
      expect.objectContaining({ table: 'contestants', fields: ['name'] }),
    ]);
    expect(fromConsole.map((event) => event.payload)).toEqual([
      expect.objectContaining({ table: 'contestants', fields: ['unit', 'topic'] }),
    ]);
    // Concurrent: both built on the revision they saw, neither supersedes the other's record.
    const revisions = [...fromLaptop, ...fromConsole].map(
      (event) => (event.payload as { revision: number }).revision,
    );
    expect(new Set(revisions).size).toBe(1);

    await applyRemoteEvents(laptop, fromConsole);
    await applyRemoteEvents(hostConsole, fromLaptop);
    const merged = { ...contestant, name: '李四（更正）', unit: '北京路街道', topic: '乡村振兴' };
    expect(await laptop.contestants.get(contestant.id)).toEqual(merged);
    expect(await hostConsole.contestants.get(contestant.id)).toEqual(merged);
  });

  it('writes nothing when nothing changed', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const before = await db.events.count();
    await putContestant(db, { id: contestants[0].id, roundId: round.id, name: contestants[0].name });
    expect(await db.events.count()).toBe(before);
  });
});

describe('through the venue server', () => {
  it('admits edits of different fields from two organizer devices, and every device and the server keep both', async () => {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const venue = await setUpVenue(network);
    const consoleDb = deviceDb();
    const consoleTransport = network.transport('host-console');
    const hostConsole: Device = {
      name: 'host-console',
      db: consoleDb,
      transport: consoleTransport,
      session: await loginAsOrganizer(consoleDb, consoleTransport, PASSWORD),
    };
    await pullEvents(hostConsole.db, hostConsole.transport, hostConsole.session);
    const { round, judges } = venue.seeded;
    const judge = judges[1];

    await putJudge(venue.organizer.db, { id: judge.id, roundId: round.id, name: '王评委（更正）' });
    await putJudge(hostConsole.db, { id: judge.id, roundId: round.id, title: '党校教授', weight: 200 });
    await pushAndPull(venue.organizer);
    await pushAndPull(hostConsole);
    await pushAndPull(venue.organizer);

    const merged = { ...judge, name: '王评委（更正）', title: '党校教授', weight: 200 };
    expect(serverProjection(core).entities.judges[judge.id]).toEqual(merged);
    expect(await venue.organizer.db.judges.get(judge.id)).toEqual(merged);
    expect(await hostConsole.db.judges.get(judge.id)).toEqual(merged);
    const [tablet] = venue.judges as [Device];
    await pullEvents(tablet.db, tablet.transport, tablet.session);
    // A tablet reads every judge's record with the join codes blanked.
    expect(await tablet.db.judges.get(judge.id)).toEqual({ ...merged, joinCode: '' });
  });
});
