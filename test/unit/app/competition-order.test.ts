// @vitest-environment node
/** The organizer's list of competitions: newest first, undated last, then by name, always one order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byDateThenName } from '../../../src/app/competition-order';
import type { CompetitionRecord } from '../../../src/domain/records';

const competition = (
  id: string,
  name: string,
  date?: string,
): Pick<CompetitionRecord, 'id' | 'name' | 'date'> =>
  date === undefined ? { id, name } : { id, name, date };

describe('byDateThenName', () => {
  it('lists the newest first, the undated last, and one date by name', () => {
    const listed = [
      competition('c1', '演讲比赛'),
      competition('c2', '微党课大赛', '2026-03-01'),
      competition('c3', '擂台比武', '2026-05-01'),
      competition('c4', '安全知识竞赛', '2026-03-01'),
    ].sort(byDateThenName);
    expect(listed.map((record) => record.id)).toEqual(['c3', 'c4', 'c2', 'c1']);
  });

  it('gives one order whatever order the competitions were read in', () => {
    const records = fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 8 }).chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc
            .record({
              name: fc.constantFrom('甲', '乙', 'A'),
              date: fc.option(fc.constantFrom('2026-01-01', '2026-02-01'), { nil: undefined }),
            })
            .map(({ name, date }) => competition(id, name, date)),
        ),
      ),
    );
    fc.assert(
      fc.property(
        records.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          expect([...shuffled].sort(byDateThenName)).toEqual([...list].sort(byDateThenName));
        },
      ),
    );
  });
});
