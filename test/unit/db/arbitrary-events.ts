/**
 * Random, well-formed event logs over a few cells and devices: few values of every key, so
 * that the same cell is written by several devices at the same revision (the tie-break) and
 * revokes or decisions often come before what they refer to.
 */

import fc from 'fast-check';
import type { Author, EventDraft, LeitaiEvent } from '../../../src/domain/events';

const DEVICES = ['device-a', 'device-b', 'device-c'];
const ROUNDS = ['round-1', 'round-2'];
const JUDGES = ['judge-1', 'judge-2'];
const CONTESTANTS = ['contestant-1', 'contestant-2'];
const CRITERIA = ['content', 'language'];
const ADJUSTMENTS = ['adjustment-1', 'adjustment-2'];
const REQUESTS = ['request-1', 'request-2'];
const ENTITIES = ['entity-1', 'entity-2'];

const HOST: Author = { role: 'host' };
const revision = fc.integer({ min: 1, max: 3 });
const pick = (values: string[]) => fc.constantFrom(...values);

const payloadDraft: fc.Arbitrary<EventDraft> = fc.oneof(
  fc
    .record({
      roundId: pick(ROUNDS),
      judgeId: pick(JUDGES),
      contestantId: pick(CONTESTANTS),
      criterionId: pick(CRITERIA),
      value: fc.option(fc.integer({ min: 0, max: 400 }).map((tenths) => tenths * 10)),
      revision,
    })
    .map(
      ({ roundId, judgeId, ...payload }): EventDraft => ({
        type: 'mark.set',
        author: { role: 'judge', judgeId },
        competitionId: 'competition',
        roundId,
        payload: { judgeId, ...payload },
      }),
    ),
  fc.record({ roundId: pick(ROUNDS), judgeId: pick(JUDGES), contestantId: pick(CONTESTANTS), revision }).map(
    ({ roundId, ...payload }): EventDraft => ({
      type: 'sheet.submit',
      author: { role: 'judge', judgeId: payload.judgeId },
      competitionId: 'competition',
      roundId,
      payload,
    }),
  ),
  fc
    .record({
      requestId: pick(REQUESTS),
      judgeId: pick(JUDGES),
      contestantId: pick(CONTESTANTS),
      approved: fc.boolean(),
      reason: fc.constantFrom('', '同意', '理由不足'),
      revision,
    })
    .map(
      (payload): EventDraft => ({
        type: 'correction.decide',
        author: HOST,
        competitionId: 'competition',
        roundId: 'round-1',
        payload,
      }),
    ),
  fc
    .record({
      requestId: pick(REQUESTS),
      judgeId: pick(JUDGES),
      contestantId: pick(CONTESTANTS),
      reason: fc.constantFrom('输错了', '漏看'),
    })
    .map(
      (payload): EventDraft => ({
        type: 'correction.request',
        author: { role: 'judge', judgeId: payload.judgeId },
        competitionId: 'competition',
        roundId: 'round-1',
        payload,
      }),
    ),
  fc
    .record({
      adjustmentId: pick(ADJUSTMENTS),
      contestantId: pick(CONTESTANTS),
      label: fc.constantFrom('超时扣分', '加分'),
      points: fc.constantFrom(-50, -100, 50),
      reason: fc.constantFrom('超时30秒', '现场表现'),
    })
    .map(
      (payload): EventDraft => ({
        type: 'adjustment.add',
        author: HOST,
        competitionId: 'competition',
        roundId: 'round-2',
        payload,
      }),
    ),
  fc.record({ adjustmentId: pick(ADJUSTMENTS), reason: fc.constantFrom('录入错误', '复核') }).map(
    (payload): EventDraft => ({
      type: 'adjustment.revoke',
      author: HOST,
      competitionId: 'competition',
      roundId: 'round-2',
      payload,
    }),
  ),
  fc
    .record({
      id: pick(ENTITIES),
      name: fc.constantFrom('王评委', '李评委', '赵评委'),
      weight: fc.constantFrom(100, 200),
      revision,
      // An edit of some fields (merged field by field), or the whole record.
      fields: fc.option(fc.subarray(['name' as const, 'weight' as const], { minLength: 1 }), {
        nil: undefined,
      }),
    })
    .map(
      ({ revision: entityRevision, fields, ...judge }): EventDraft => ({
        type: 'entity.put',
        author: { role: 'organizer' },
        competitionId: 'competition',
        roundId: 'round-1',
        payload: {
          table: 'judges',
          entity: { ...judge, roundId: 'round-1', title: '', unit: null, joinCode: '12345678', order: 1 },
          revision: entityRevision,
          ...(fields ? { fields } : {}),
        },
      }),
    ),
  fc.record({ entityId: pick(ENTITIES), revision }).map(
    (payload): EventDraft => ({
      type: 'entity.delete',
      author: { role: 'organizer' },
      competitionId: 'competition',
      roundId: 'round-1',
      payload: { table: 'judges', ...payload },
    }),
  ),
  fc.shuffledSubarray(CONTESTANTS, { minLength: 2, maxLength: 2 }).map(
    (order): EventDraft => ({
      type: 'order.manual',
      author: { role: 'organizer' },
      competitionId: 'competition',
      roundId: 'round-1',
      payload: { order },
    }),
  ),
);

/** A log as devices would write it: per-device sequence numbers 1, 2, 3… and unique ids. */
export const eventLog: fc.Arbitrary<LeitaiEvent[]> = fc
  .array(fc.tuple(fc.constantFrom(...DEVICES), payloadDraft), { maxLength: 40 })
  .map((drafts) => {
    const nextSeq = new Map<string, number>();
    return drafts.map(([deviceId, draft], index) => {
      const deviceSeq = nextSeq.get(deviceId) ?? 1;
      nextSeq.set(deviceId, deviceSeq + 1);
      return {
        ...draft,
        id: `${index.toString(16).padStart(8, '0')}${deviceId}`,
        deviceId,
        deviceSeq,
        recordedAt: '2026-11-23T10:00:00.000Z',
      } as LeitaiEvent;
    });
  });

/** The log and a delivery of it: every event at least once, some twice, in any order. */
export const eventLogAndDelivery: fc.Arbitrary<{ log: LeitaiEvent[]; delivery: LeitaiEvent[] }> =
  eventLog.chain((log) =>
    fc
      .tuple(fc.subarray(log), fc.constant(log))
      .chain(([again, all]) =>
        fc.shuffledSubarray([...all, ...again], {
          minLength: all.length + again.length,
          maxLength: all.length + again.length,
        }),
      )
      .map((delivery) => ({ log, delivery })),
  );
