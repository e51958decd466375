// @vitest-environment node
/**
 * The engine against results computed elsewhere: the two worked examples of the scoring rules
 * (an independent implementation) and 1,726 official ISU component totals (real published
 * results, rounded the ISU way: each component first, then the factored mark).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import { readInterchangeRound, toInterchangeStandings } from '../../../src/domain/interchange.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('worked examples of the scoring rules', () => {
  for (const name of ['seed-final', 'ties-and-rounding', 'groups-audience']) {
    it(`reproduces ${name}`, () => {
      const input = readJson(join(fixtures, 'scoring-examples', `${name}.input.json`));
      const expected = readJson(join(fixtures, 'scoring-examples', `${name}.expected.json`));
      const output = toInterchangeStandings(computeStandings(readInterchangeRound(input)));
      expect({
        standings: output.standings.map(({ rank, id, score, award, judges }) => ({
          rank,
          id,
          score,
          award,
          judges,
        })),
        pending: output.pending.map(({ id, judges }) => ({ id, judges })),
      }).toEqual(expected);
    });
  }

  it('explains ties-and-rounding: the half-up trap, the tie-breaks and the recusal', () => {
    const input = readJson(join(fixtures, 'scoring-examples', 'ties-and-rounding.input.json'));
    const standings = computeStandings(readInterchangeRound(input));
    const byId = new Map(standings.ranked.map((result) => [result.id, result]));
    expect(byId.get('G')?.exactFinal).toBe('87.725');
    expect(byId.get('G')?.announcedScore).toBe('87.73');
    expect(byId.get('B')?.separatedBy).toBe('untrimmed');
    expect(byId.get('E')?.tied).toBe(true);
    expect(byId.get('F')?.separatedBy).toBe('tied');
    expect(byId.get('H')?.recusedJudges).toEqual(['J6']);
    expect(byId.get('H')?.adjustments).toEqual([{ label: '超时扣分', points: '-7.5' }]);
  });
});

describe('groups-audience: 专家 60 + 领导 20 + 大众投票 20, each group rounded first', () => {
  const input = readJson(join(fixtures, 'scoring-examples', 'groups-audience.input.json'));
  const standings = computeStandings(readInterchangeRound(input));
  const byId = new Map([...standings.ranked, ...standings.pending].map((result) => [result.id, result]));
  const parts = (id: string) =>
    byId
      .get(id)
      ?.groups?.map((group) => [group.id, group.announced, group.contribution, group.countedJudges]);

  it("explains each contestant's score by group", () => {
    expect(parts('P1')).toEqual([
      ['expert', '85.00', '51', 5],
      ['leader', '86.50', '17.3', 1],
      ['public', '1.00', '20', 12],
    ]);
    // The expert aggregate 83.8333… enters the final as 83.83 (roundEachGroup): 50.298, not 50.3.
    expect(byId.get('P2')?.groups?.[0]).toMatchObject({ aggregate: '83.83', contribution: '50.298' });
    expect(byId.get('P2')).toMatchObject({ exactFinal: '76.548', announcedScore: '76.55' });
  });

  it("recuses a leader within the group, and waits for the audience group's minimum", () => {
    expect(byId.get('P1')?.groups?.[1]?.recusedJudges).toEqual(['L1']);
    expect(byId.get('P1')?.recusedJudges).toEqual(['L1']);
    expect(byId.get('P4')).toMatchObject({ pending: true, countedJudges: 14 });
    expect(byId.get('P4')?.groups?.[2]).toMatchObject({ countedJudges: 7, requiredJudges: 8 });
  });
});

describe('ISU 2016-17 program components (real data)', () => {
  const directory = join(fixtures, 'isu-2016-17');
  const segments = readdirSync(directory)
    .filter((file) => file.endsWith('.input.json'))
    .sort();

  it('has all 152 segments', () => {
    expect(segments).toHaveLength(152);
  });

  it('reproduces all 1,726 official total component scores to the cent', () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const file of segments) {
      const standings = computeStandings(readInterchangeRound(readJson(join(directory, file))));
      const announced = new Map(standings.ranked.map((result) => [result.id, result.announcedScore]));
      const official: Record<string, string> = readJson(
        join(directory, file.replace('.input.json', '.official.json')),
      ).total_component_score;
      for (const [id, score] of Object.entries(official)) {
        compared++;
        if (announced.get(id) !== score)
          mismatches.push(`${file} ${id}: official ${score}, engine ${announced.get(id)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBe(1726);
  });
});
