// @vitest-environment node
// Judges belong to the competition (issue 12, finding 11). A judge entity as logs and backups
// written before schema 5 hold it ({ roundId }) still reads everywhere: on the wire, in the fold,
// in the server's admission and in a restore, as a judge of the event's competition assigned to
// that one round. The server admits a judge's marks in every round they are assigned to, and in
// no other.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { restoreEvents } from '../../../src/db/backup';
import { loadRoundInput } from '../../../src/db/read';
import { parseWireEvent } from '../../../src/domain/event-shape';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events';
import { DEFAULT_SETTINGS } from '../../../src/domain/model';
import { Admission } from '../../../src/server/admission';
import { freshDb } from '../db/helpers';

const DEVICE = 'd'.repeat(32);
let seq = 0;

function event(type: string, roundId: string | null, payload: unknown): LeitaiEvent {
  seq += 1;
  return {
    id: `e${seq}`.padEnd(32, '0'),
    deviceId: DEVICE,
    deviceSeq: seq,
    author: { role: 'organizer' },
    competitionId: 'c1',
    roundId,
    recordedAt: '2026-06-18T09:00:00.000Z',
    type,
    payload,
  } as LeitaiEvent;
}

const round = (id: string, order: number) =>
  event('entity.put', id, {
    table: 'rounds',
    revision: 1,
    entity: {
      id,
      competitionId: 'c1',
      name: `第${order}轮`,
      order,
      criteria: [{ id: 'content', label: '内容', max: 4000, points: 4000, step: 10 }],
      settings: DEFAULT_SETTINGS,
      timeLimitSeconds: null,
      overtime: null,
    },
  });

/** A competition, two rounds, a contestant in each, and 王评委 written as a judge of round r1. */
function oldShapeLog(): LeitaiEvent[] {
  seq = 0;
  const contestant = (id: string, roundId: string) =>
    event('entity.put', roundId, {
      table: 'contestants',
      revision: 1,
      entity: {
        id,
        roundId,
        name: id,
        unit: null,
        topic: '',
        photoId: null,
        status: 'active',
        draw: 1,
        order: 1,
      },
    });
  return [
    event('entity.put', null, {
      table: 'competitions',
      revision: 1,
      entity: { id: 'c1', name: '擂台比武', archived: false },
    }),
    round('r1', 1),
    round('r2', 2),
    contestant('p1', 'r1'),
    contestant('p2', 'r2'),
    event('entity.put', 'r1', {
      table: 'judges',
      revision: 1,
      entity: {
        id: 'j1',
        roundId: 'r1',
        name: '王评委',
        title: '',
        weight: 100,
        unit: null,
        joinCode: '12345678',
        order: 1,
      },
    }),
  ];
}

function mark(roundId: string, contestantId: string): LeitaiEvent {
  const marked = event('mark.set', roundId, {
    judgeId: 'j1',
    contestantId,
    criterionId: 'content',
    value: 3500,
    revision: 1,
  });
  return { ...marked, deviceId: 'e'.repeat(32), author: { role: 'judge', judgeId: 'j1' } };
}

const JUDGE_OF_R1 = {
  id: 'j1',
  competitionId: 'c1',
  roundIds: ['r1'],
  name: '王评委',
  title: '',
  weight: 100,
  unit: null,
  joinCode: '12345678',
  order: 1,
};

describe('a judge written as a judge of one round (before schema 5)', () => {
  it('is a well-formed wire event, and folds as a judge of the competition assigned to that round', () => {
    const log = oldShapeLog();
    for (const each of log) expect(parseWireEvent(JSON.parse(JSON.stringify(each))).ok).toBe(true);
    expect(foldEvents(log).entities.judges).toEqual({ j1: JUDGE_OF_R1 });
  });

  it('is restored from a backup in the new shape, and scores its round', async () => {
    const db = freshDb(new IDBFactory());
    await restoreEvents(db, [...oldShapeLog(), mark('r1', 'p1')]);
    expect(await db.judges.get('j1')).toEqual(JUDGE_OF_R1);
    expect((await db.judges.where('roundIds').equals('r1').toArray()).map((judge) => judge.id)).toEqual([
      'j1',
    ]);
    expect((await loadRoundInput(db, 'r1')).marks).toEqual([
      { judge: 'j1', contestant: 'p1', criterion: 'content', value: 3500 },
    ]);
  });

  it('scores its one round at the server; assigned to the next round too, it scores both', () => {
    const log = oldShapeLog();
    const admission = Admission.fromLog(log.map((each) => JSON.stringify(each)));
    const judge = { role: 'judge' as const, deviceId: 'e'.repeat(32), judgeId: 'j1' };
    expect(admission.check(judge, mark('r1', 'p1'))).toBeNull();
    expect(admission.check(judge, mark('r2', 'p2'))).toMatchObject({
      code: 'outsideOwnRound',
      path: 'roundId',
    });

    const assigned = event('entity.put', null, {
      table: 'judges',
      revision: 2,
      entity: { ...JUDGE_OF_R1, roundIds: ['r1', 'r2'] },
    });
    const organizer = { role: 'organizer' as const, deviceId: DEVICE, judgeId: null };
    expect(admission.check(organizer, assigned)).toBeNull();
    admission.apply(assigned);
    expect(admission.check(judge, mark('r1', 'p1'))).toBeNull();
    expect(admission.check(judge, mark('r2', 'p2'))).toBeNull();
  });

  it('is refused when assigned to a round of another competition, naming the entry', () => {
    const admission = Admission.fromLog(oldShapeLog().map((each) => JSON.stringify(each)));
    const organizer = { role: 'organizer' as const, deviceId: DEVICE, judgeId: null };
    const stray = event('entity.put', null, {
      table: 'judges',
      revision: 2,
      entity: { ...JUDGE_OF_R1, roundIds: ['r1', 'elsewhere'] },
    });
    expect(admission.check(organizer, stray)).toMatchObject({
      code: 'unknownEntity',
      path: 'payload.entity.roundIds[1]',
    });
  });
});
