/**
 * Stored event logs of one round as a device may hold them: the well-formed logs of
 * test/unit/db/arbitrary-events.ts (marks, sheets, corrections, judges put and deleted) on a round
 * set up here, with the marks no keypad lets through (far above the max, negative, off the step,
 * not a number of hundredths, for a criterion not on the sheet) and setup changes made after the
 * marks: a lowered max, a coarser step, a criterion added, one deleted.
 */

import fc from 'fast-check';
import type { EventDraft, LeitaiEvent } from '../../../src/domain/events';
import type { Criterion, RoundSettings } from '../../../src/domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records';
import { eventLog } from '../db/arbitrary-events';

export const ROUND_ID = 'round-1';
const JUDGES = ['judge-1', 'judge-2', 'judge-3'];
const CONTESTANTS = ['contestant-1', 'contestant-2', 'contestant-3'];
const ORGANIZER = { role: 'organizer' } as const;
const scope = { competitionId: 'competition', roundId: ROUND_ID };

const content: Criterion = { id: 'content', label: '内容', max: 4000, points: 4000, step: 10 };
const language: Criterion = { id: 'language', label: '语言表达', max: 4000, points: 2000, step: 10 };
const ppt: Criterion = { id: 'ppt', label: 'PPT制作', max: 1500, points: 1500, step: 50 };

/** The sheets an organizer may change the round to while tablets still hold marks. */
const sheets: Criterion[][] = [
  [content, language],
  [{ ...content, max: 2000 }, language],
  [content, { ...language, step: 50 }],
  [content, language, ppt],
  [content],
];

const settings: fc.Arbitrary<RoundSettings> = fc.record({
  panel: fc.constantFrom<RoundSettings['panel']>(
    { kind: 'mean' },
    { kind: 'trimmed', k: 1 },
    { kind: 'median' },
    { kind: 'weighted' },
  ),
  level: fc.constantFrom<RoundSettings['level']>('total', 'criterion'),
  decimals: fc.integer({ min: 0, max: 3 }),
  rounding: fc.constantFrom<RoundSettings['rounding']>('half-up', 'half-even', 'down'),
  roundEachCriterion: fc.constant(false),
  // Mostly a quorum: the well-formed logs add judges (entity-1, entity-2) who never mark.
  minJudges: fc.constantFrom(null, 1, 2, 2),
  tieBreak: fc.subarray<RoundSettings['tieBreak'][number]>(['exact', 'untrimmed', 'criterion:content']),
  awards: fc.constantFrom<RoundSettings['awards']>(
    [],
    [{ name: '一等奖', count: 1 }],
    [
      { name: '一等奖', count: 1 },
      { name: '二等奖', percent: 5000 },
      { name: '优秀奖', rest: true },
    ],
  ),
});

function roundPut(criteria: Criterion[], roundSettings: RoundSettings, revision: number): EventDraft {
  const round: RoundRecord = {
    id: ROUND_ID,
    competitionId: 'competition',
    name: '市级决赛',
    order: 1,
    criteria,
    settings: roundSettings,
    timeLimitSeconds: null,
    overtime: null,
  };
  return {
    type: 'entity.put',
    author: ORGANIZER,
    ...scope,
    payload: { table: 'rounds', entity: round, revision },
  };
}

const unit = fc.constantFrom<string | null>(null, '三工镇', '榆树沟镇');

const judgePuts = fc.tuple(...JUDGES.map(() => fc.tuple(unit, fc.constantFrom(100, 200)))).map((drafts) =>
  drafts.map(([judgeUnit, weight], at): EventDraft => {
    const judge: JudgeRecord = {
      id: JUDGES[at] as string,
      competitionId: scope.competitionId,
      roundIds: [ROUND_ID],
      name: `评委${at + 1}`,
      title: '',
      weight,
      unit: judgeUnit,
      joinCode: '',
      order: at + 2,
    };
    return {
      type: 'entity.put',
      author: ORGANIZER,
      ...scope,
      payload: { table: 'judges', entity: judge, revision: 1 },
    };
  }),
);

const contestantPuts = fc
  .tuple(
    ...CONTESTANTS.map(() =>
      fc.tuple(unit, fc.constantFrom<ContestantRecord['status']>('active', 'active', 'active', 'withdrawn')),
    ),
  )
  .map((drafts) =>
    drafts.map(([contestantUnit, status], at): EventDraft => {
      const contestant: ContestantRecord = {
        id: CONTESTANTS[at] as string,
        roundId: ROUND_ID,
        name: `选手${at + 1}`,
        unit: contestantUnit,
        topic: '',
        photoId: null,
        status,
        draw: at + 1,
        order: at + 1,
      };
      return {
        type: 'entity.put',
        author: ORGANIZER,
        ...scope,
        payload: { table: 'contestants', entity: contestant, revision: 1 },
      };
    }),
  );

/** Marks as a device may have stored them, valid or not. */
const storedMark = fc
  .record({
    judgeId: fc.constantFrom(...JUDGES),
    contestantId: fc.constantFrom(...CONTESTANTS),
    criterionId: fc.constantFrom('content', 'language', 'ppt', 'slides'),
    value: fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((tenths) => tenths * 10),
      fc.constantFrom(9999900, 4010, -100, -10, 1005, 1234.5, Number.NaN),
    ),
    revision: fc.integer({ min: 1, max: 3 }),
  })
  .map(
    (payload): EventDraft => ({
      type: 'mark.set',
      author: { role: 'judge', judgeId: payload.judgeId },
      ...scope,
      payload,
    }),
  );

/** Whole sheets (every criterion any version of the sheet has), so that many contestants complete. */
const fullSheets = fc
  .subarray(
    JUDGES.flatMap((judgeId) => CONTESTANTS.map((contestantId) => ({ judgeId, contestantId }))),
    { minLength: 5 },
  )
  .chain((pairs) =>
    fc.tuple(
      ...pairs.map(({ judgeId, contestantId }) =>
        fc
          .tuple(
            fc.integer({ min: 0, max: 400 }).map((tenths) => tenths * 10),
            fc.integer({ min: 0, max: 80 }).map((halves) => halves * 50),
            fc.integer({ min: 0, max: 30 }).map((halves) => halves * 50),
          )
          .map(([contentMark, languageMark, pptMark]) =>
            (
              [
                ['content', contentMark],
                ['language', languageMark],
                ['ppt', pptMark],
              ] as const
            ).map(
              ([criterionId, value]): EventDraft => ({
                type: 'mark.set',
                author: { role: 'judge', judgeId },
                ...scope,
                payload: { judgeId, contestantId, criterionId, value, revision: 1 },
              }),
            ),
          ),
      ),
    ),
  )
  .map((sheetsOfMarks) => sheetsOfMarks.flat());

const storedAdjustment = fc
  .record({
    adjustmentId: fc.constantFrom('adjustment-3', 'adjustment-4'),
    contestantId: fc.constantFrom(...CONTESTANTS),
    points: fc.constantFrom(-50, 100, -12.5),
  })
  .map(
    (payload): EventDraft => ({
      type: 'adjustment.add',
      author: { role: 'host' },
      ...scope,
      payload: { ...payload, label: '超时扣分', reason: '超时' },
    }),
  );

/** The round's setup (its sheet changed up to twice), the people, and every kind of mark. */
export const roundEventLog: fc.Arbitrary<LeitaiEvent[]> = fc
  .record({
    sheetChanges: fc.array(fc.tuple(fc.constantFrom(...sheets), settings), { minLength: 1, maxLength: 3 }),
    judges: judgePuts,
    contestants: contestantPuts,
    sheets: fullSheets,
    marks: fc.array(storedMark, { maxLength: 8 }),
    adjustments: fc.array(storedAdjustment, { maxLength: 2 }),
    wellFormed: eventLog,
  })
  .chain((draft) => {
    const drafts: EventDraft[] = [
      ...draft.sheetChanges.map(([criteria, roundSettings], at) => roundPut(criteria, roundSettings, at + 1)),
      ...draft.judges,
      ...draft.contestants,
      ...draft.sheets,
      ...draft.marks,
      ...draft.adjustments,
    ];
    // Any order of arrival: the fold decides by revision, so the last sheet change need not come last.
    return fc
      .shuffledSubarray(drafts, { minLength: drafts.length, maxLength: drafts.length })
      .map((order) => [
        ...draft.wellFormed,
        ...order.map(
          (event, at): LeitaiEvent =>
            ({
              ...event,
              id: `setup${at.toString(16).padStart(8, '0')}`,
              deviceId: 'device-organizer',
              deviceSeq: at + 1,
              recordedAt: '2026-11-23T10:00:00.000Z',
            }) as LeitaiEvent,
        ),
      ]);
  });
