// @vitest-environment node
/**
 * For any events a device may have stored, the live standings of the round, built the way the
 * devices build them (foldEvents -> roundRowsOf -> assembleRoundInput), never throw; everyone
 * without a refused sheet gets exactly what the strict engine gives on the round without the
 * refused sheets and without the held contestants; a held contestant is never ranked or scored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import { foldEvents } from '../../../src/domain/events.ts';
import { computeLiveStandings } from '../../../src/domain/live-standings.ts';
import type { Mark, RoundInput } from '../../../src/domain/model.ts';
import { assembleRoundInput, roundRowsOf } from '../../../src/domain/round-input.ts';
import { ROUND_ID, roundEventLog } from './arbitrary-live-events.ts';

/** Marks that reach the engine without passing assembleRoundInput's filter (another device's input). */
const strayMarks = fc.array(
  fc.record({
    judge: fc.constantFrom('judge-1', 'judge-9'),
    contestant: fc.constantFrom('contestant-2', 'contestant-9'),
    criterion: fc.constantFrom('content', 'slides'),
    value: fc.constantFrom(1000, 4010),
  }),
  { maxLength: 2 },
);

function devicesInput(events: Parameters<typeof foldEvents>[0]): RoundInput {
  const rows = roundRowsOf(foldEvents(events), ROUND_ID);
  if (!rows) throw new Error('the generated log always sets the round up');
  return assembleRoundInput(rows);
}

/**
 * The oracle, written from the rules rather than from the implementation: which marks break a
 * rule (two marks for one cell included), and which contestants a broken sheet must hold (an active contestant, a panel judge who
 * is not recused, or a bad adjustment).
 */
function oracle(input: RoundInput) {
  const criteria = new Map(input.criteria.map((criterion) => [criterion.id, criterion]));
  const judges = new Map(input.judges.map((judge) => [judge.id, judge]));
  const contestants = new Map(input.contestants.map((contestant) => [contestant.id, contestant]));
  const breaksARule = (mark: Mark) => {
    const criterion = criteria.get(mark.criterion);
    return (
      !judges.has(mark.judge) ||
      !contestants.has(mark.contestant) ||
      !criterion ||
      !Number.isInteger(mark.value) ||
      mark.value < 0 ||
      mark.value > criterion.max ||
      mark.value % criterion.step !== 0
    );
  };
  const sheetOf = (mark: Mark) => `${mark.judge}/${mark.contestant}`;
  const cellOf = (mark: Mark) => `${sheetOf(mark)}/${mark.criterion}`;
  const marksPerCell = new Map<string, number>();
  for (const mark of input.marks) marksPerCell.set(cellOf(mark), (marksPerCell.get(cellOf(mark)) ?? 0) + 1);
  const refused = input.marks.filter(
    (mark) => breaksARule(mark) || (marksPerCell.get(cellOf(mark)) ?? 0) > 1,
  );
  const refusedSheets = new Set(refused.map(sheetOf));
  const badAdjustments = input.adjustments.filter(
    (adjustment) => !Number.isInteger(adjustment.points) || !contestants.has(adjustment.contestant),
  );
  const held = new Set<string>();
  for (const mark of refused) {
    const contestant = contestants.get(mark.contestant);
    const judge = judges.get(mark.judge);
    const recused = judge?.unit && judge.unit === contestant?.unit;
    if (contestant?.status === 'active' && judge && !recused) held.add(contestant.id);
  }
  for (const adjustment of badAdjustments) {
    if (contestants.get(adjustment.contestant)?.status === 'active') held.add(adjustment.contestant);
  }
  const strict = computeStandings({
    ...input,
    contestants: input.contestants.map((contestant) =>
      held.has(contestant.id) ? { ...contestant, status: 'withdrawn' } : contestant,
    ),
    marks: input.marks.filter((mark) => !refusedSheets.has(sheetOf(mark))),
    adjustments: input.adjustments.filter((adjustment) => !badAdjustments.includes(adjustment)),
  });
  return { refusedSheets, badAdjustments, held, strict };
}

describe('live standings of stored events', () => {
  it('never throw, score the valid contestants as the strict engine does and never rank a held one', () => {
    fc.assert(
      fc.property(roundEventLog, strayMarks, (events, stray) => {
        const assembled = devicesInput(events);
        const input = { ...assembled, marks: [...assembled.marks, ...stray] };
        const live = computeLiveStandings(input);
        const expected = oracle(input);

        expect(live.ranked).toEqual(expected.strict.ranked);
        expect(live.pending).toEqual(expected.strict.pending);
        expect(live.held.map((result) => result.id).sort()).toEqual([...expected.held].sort());
        expect(
          live.setAside
            .filter((sheet) => sheet.judge !== null)
            .map((sheet) => `${sheet.judge}/${sheet.contestant}`),
        ).toEqual(expect.arrayContaining([...expected.refusedSheets]));
        expect(live.setAside.filter((sheet) => sheet.judge !== null)).toHaveLength(
          expected.refusedSheets.size,
        );
        for (const result of live.held) {
          expect(result).toMatchObject({
            pending: true,
            rank: null,
            award: null,
            announcedScore: null,
            exactFinal: null,
          });
          expect(live.ranked.some((ranked) => ranked.id === result.id)).toBe(false);
        }
        if (expected.refusedSheets.size === 0 && expected.badAdjustments.length === 0) {
          expect(live).toEqual({ ...computeStandings(input), held: [], setAside: [] });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('give the same standings whatever order the events arrived in', () => {
    fc.assert(
      fc.property(
        roundEventLog.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
          ),
        ),
        ([events, delivery]) => {
          expect(JSON.stringify(computeLiveStandings(devicesInput(delivery)))).toBe(
            JSON.stringify(computeLiveStandings(devicesInput(events))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reach held contestants beside ranked ones often enough for the properties above to mean something', () => {
    let heldBesideRanked = 0;
    fc.assert(
      fc.property(roundEventLog, (events) => {
        const live = computeLiveStandings(devicesInput(events));
        if (live.held.length > 0 && live.ranked.length > 0) heldBesideRanked++;
      }),
      { numRuns: 200 },
    );
    expect(heldBesideRanked).toBeGreaterThan(20);
  });
});
