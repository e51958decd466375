// @vitest-environment node
/**
 * The venue server keeps a judge to its group's criteria (src/domain/groups.ts), whatever the
 * judge's device allowed: a mark outside them, or by a judge in none of the round's groups, is
 * refused and stored nowhere.
 */
import { describe, expect, it } from 'vitest';
import { getDeviceId } from '../../../src/db/repository';
import type { RaterGroup } from '../../../src/domain/model';
import type { WireEvent } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { claim, joinJudge, push, testServer, wireLog } from './helpers';

const groups: RaterGroup[] = [
  {
    id: 'expert',
    label: '专家评委',
    weight: 7000,
    criteria: ['content', 'presence', 'language'],
    panel: null,
    minJudges: null,
  },
  {
    id: 'leader',
    label: '领导评委',
    weight: 3000,
    criteria: ['ppt', 'overall'],
    panel: null,
    minJudges: null,
  },
];

type Entity = Record<string, unknown>;

/** The seeded round with groups: 王评委 an expert, 李评委 none, as the organizer's setup would say. */
async function groupedVenue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  const [expert, groupless] = seeded.judges;
  const setup = (await wireLog(laptop)).map((event) => {
    if (event.type !== 'entity.put') return event;
    const payload = event.payload as { table: string; entity: Entity };
    const entity =
      payload.table === 'rounds'
        ? { ...payload.entity, settings: { ...(payload.entity.settings as Entity), groups } }
        : payload.table === 'judges' && payload.entity.id === expert.id
          ? { ...payload.entity, group: 'expert' }
          : payload.entity;
    return { ...event, payload: { ...payload, entity } } as WireEvent;
  });
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  const tabletId = await getDeviceId(freshDb());
  const session = (joinCode: string) =>
    joinJudge(server.core, joinCode, tabletId).then((answer) => answer.body);
  return { ...server, seeded, setup, tabletId, expert, groupless, session };
}

function mark(
  v: Awaited<ReturnType<typeof groupedVenue>>,
  judgeId: string,
  criterionId: string,
  deviceSeq: number,
) {
  return {
    id: `mark-${v.tabletId}-${judgeId}-${deviceSeq}`,
    deviceId: v.tabletId,
    deviceSeq,
    author: { role: 'judge', judgeId },
    competitionId: v.seeded.competition.id,
    roundId: v.seeded.round.id,
    recordedAt: '2026-11-23T09:30:00.000Z',
    type: 'mark.set',
    payload: { judgeId, contestantId: v.seeded.contestants[1].id, criterionId, value: 1000, revision: 1 },
  } as WireEvent;
}

describe('rater groups on the venue server', () => {
  it("refuses a mark outside the judge's group, naming the group, and takes one inside it", async () => {
    const v = await groupedVenue();
    const token = (await v.session(v.expert.joinCode)).token;
    const outside = await push(v.core, token, [mark(v, v.expert.id, 'ppt', 1)]);
    expect(outside.body.refused).toMatchObject([
      {
        code: 'invalidMark',
        path: 'payload.criterionId',
        message: '王评委 给 李四 的「PPT制作」打分，但这个评分项不归评委组「专家评委」打分',
      },
    ]);
    expect(v.core.head()).toBe(v.setup.length);
    const inside = await push(v.core, token, [mark(v, v.expert.id, 'content', 2)]);
    expect(inside.body).toMatchObject({ accepted: 1, refused: [] });
  });

  it('refuses every mark of a judge in none of the round’s groups', async () => {
    const v = await groupedVenue();
    const token = (await v.session(v.groupless.joinCode)).token;
    const answer = await push(v.core, token, [mark(v, v.groupless.id, 'content', 1)]);
    expect(answer.body.refused).toMatchObject([
      { code: 'invalidMark', path: 'payload.judgeId', message: '评委 李评委 没有分到评委组（本轮分组评分）' },
    ]);
    expect(v.core.head()).toBe(v.setup.length);
  });
});
