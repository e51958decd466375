// @vitest-environment node
/**
 * 回避: the one rule (src/domain/recusal.ts). Equal units recuse under either rule; nested unit
 * names under `contains`; the judge's own list always. Interchange files without the new fields
 * keep the scoring contract's "unit equals" exactly (U1 never recuses U10).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHundredths } from '../../../src/domain/decimal.ts';
import { computeStandings } from '../../../src/domain/engine.ts';
import { readInterchangeRound } from '../../../src/domain/interchange.ts';
import { RoundRejectedError } from '../../../src/domain/issues.ts';
import type { RecusalRule, RoundInput } from '../../../src/domain/model.ts';
import { isRecusedFrom, normaliseUnit, recusalReason, recusalsOf } from '../../../src/domain/recusal.ts';
import { arbitraryRound } from './arbitrary-round.ts';

const rule = fc.constantFrom<RecusalRule>('equal', 'contains');
const unitText = fc.string({ minLength: 1, maxLength: 8 }).filter((text) => normaliseUnit(text) !== null);
const contestant = (unit: string | null, id = 'P1') => ({ id, unit });

describe('recusalReason', () => {
  it('recuses equal units under either rule (the contract base case)', () => {
    fc.assert(
      fc.property(unitText, rule, (unit, recusal) => {
        expect(recusalReason({ unit }, contestant(unit), recusal)).toBe('sameUnit');
      }),
    );
  });

  it('treats full-width, half-width and padded spellings as the same unit', () => {
    expect(recusalReason({ unit: ' 三工镇 ' }, contestant('三工镇'), 'equal')).toBe('sameUnit');
    expect(recusalReason({ unit: 'ＵＮＩＴ１' }, contestant('UNIT1'), 'equal')).toBe('sameUnit');
    expect(recusalReason({ unit: '三工镇\u3000' }, contestant('三工镇'), 'equal')).toBe('sameUnit');
  });

  it('never recuses for a blank unit, whatever the rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', ' ', '\u3000', '\t', null),
        fc.constantFrom('', ' ', null),
        rule,
        (a, b, recusal) => {
          expect(isRecusedFrom({ unit: a }, contestant(b), recusal)).toBe(false);
          expect(isRecusedFrom({ unit: a }, contestant('三工镇'), recusal)).toBe(false);
          expect(isRecusedFrom({ unit: '三工镇' }, contestant(a), recusal)).toBe(false);
        },
      ),
    );
  });

  it('recuses nested unit names under contains, either way round, and not under equal', () => {
    fc.assert(
      fc.property(unitText, unitText, (outer, suffix) => {
        const inner = `${normaliseUnit(outer)}${normaliseUnit(suffix)}`;
        expect(recusalReason({ unit: outer }, contestant(inner), 'contains')).toBe('unitContains');
        expect(recusalReason({ unit: inner }, contestant(outer), 'contains')).toBe('unitContains');
      }),
    );
    expect(recusalReason({ unit: '三工镇' }, contestant('三工镇下六工村'), 'contains')).toBe('unitContains');
    expect(recusalReason({ unit: '三工镇' }, contestant('三工镇三工村'), 'contains')).toBe('unitContains');
    expect(recusalReason({ unit: '三工镇' }, contestant('三工镇下六工村'), 'equal')).toBeNull();
    expect(recusalReason({ unit: '三工镇' }, contestant('六工镇'), 'contains')).toBeNull();
    // An absent rule is the contract's.
    expect(recusalReason({ unit: 'U1' }, contestant('U10'), undefined)).toBeNull();
  });

  it("recuses by the judge's own list: a contestant, or a unit matched by the round's rule", () => {
    const listed = { unit: null, recuse: { contestantIds: ['P2'], units: ['榆树沟镇'] } };
    expect(recusalReason(listed, contestant('佃坝镇', 'P2'), 'equal')).toBe('recuseList');
    expect(recusalReason(listed, contestant('榆树沟镇', 'P3'), 'equal')).toBe('recuseList');
    expect(recusalReason(listed, contestant('榆树沟镇硷槽村', 'P3'), 'equal')).toBeNull();
    expect(recusalReason(listed, contestant('榆树沟镇硷槽村', 'P3'), 'contains')).toBe('recuseList');
    expect(recusalReason(listed, contestant('佃坝镇', 'P3'), 'contains')).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 4 }), fc.string(), rule, (ids, id, recusal) => {
        const judge = { unit: null, recuse: { contestantIds: [...ids, id], units: [] } };
        expect(recusalReason(judge, contestant(null, id), recusal)).toBe('recuseList');
      }),
    );
  });

  it('lists every recused pair with its reason', () => {
    const judges = [
      { id: 'J1', unit: '三工镇' },
      { id: 'J2', unit: null, recuse: { contestantIds: ['P3'], units: [] } },
    ];
    const contestants = [
      contestant('三工镇', 'P1'),
      contestant('三工镇下六工村', 'P2'),
      contestant(null, 'P3'),
    ];
    expect(recusalsOf(judges, contestants, 'contains')).toEqual([
      { judgeId: 'J1', contestantId: 'P1', reason: 'sameUnit' },
      { judgeId: 'J1', contestantId: 'P2', reason: 'unitContains' },
      { judgeId: 'J2', contestantId: 'P3', reason: 'recuseList' },
    ]);
  });
});

/** A round as an interchange file, without the new fields unless the round has them. */
function interchangeOf(round: RoundInput): Record<string, unknown> {
  const number = formatHundredths;
  return {
    criteria: round.criteria.map((c) => ({
      id: c.id,
      label: c.label,
      max: number(c.max),
      points: number(c.points),
      step: number(c.step),
    })),
    judges: round.judges.map((j) => ({
      id: j.id,
      name: j.name,
      weight: number(j.weight),
      unit: j.unit,
      ...(j.recuse ? { recuse: j.recuse } : {}),
    })),
    contestants: round.contestants,
    scores: round.marks.map((m) => ({
      judge: m.judge,
      contestant: m.contestant,
      criterion: m.criterion,
      mark: number(m.value),
    })),
    adjustments: round.adjustments.map((a) => ({
      contestant: a.contestant,
      label: a.label,
      points: number(a.points),
    })),
    ...round.settings,
    awards: round.settings.awards.map((tier) =>
      'percent' in tier ? { name: tier.name, percent: number(tier.percent) } : tier,
    ),
  };
}

/** Units drawn so that some contain others (U1 in U10, 三工镇 in 三工镇下六工村) and some are blank. */
const nestedUnits = fc.array(
  fc.constantFrom<string | null>('U1', 'U10', 'U2', '三工镇', '三工镇下六工村', '', null),
  {
    minLength: 15,
    maxLength: 15,
  },
);

const withUnits = (round: RoundInput, units: readonly (string | null)[]): RoundInput => ({
  ...round,
  judges: round.judges.map((judge, at) => ({ ...judge, unit: units[at] ?? null })),
  contestants: round.contestants.map((c, at) => ({ ...c, unit: units[7 + at] ?? null })),
});

describe('interchange files and the contract', () => {
  it('recuses exactly the judges of an equal, non-empty unit when the file has no recusal fields', () => {
    fc.assert(
      fc.property(arbitraryRound, nestedUnits, (generated, units) => {
        const round = withUnits(generated, units);
        const standings = computeStandings(
          readInterchangeRound(JSON.parse(JSON.stringify(interchangeOf(round)))),
        );
        for (const result of [...standings.ranked, ...standings.pending]) {
          const unit = round.contestants.find((c) => c.id === result.id)?.unit ?? null;
          const expected = round.judges
            .filter((judge) => judge.unit !== null && judge.unit !== '' && judge.unit === unit)
            .map((judge) => judge.id)
            .sort();
          expect(result.recusedJudges).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('scores the same whatever the units are called, as long as equal units stay equal', () => {
    // Renaming units one-to-one into names that never nest changes nothing under "unit equals".
    fc.assert(
      fc.property(arbitraryRound, nestedUnits, (generated, units) => {
        const renamed = units.map((unit) =>
          unit === null || unit === ''
            ? unit
            : `#${['U1', 'U10', 'U2', '三工镇', '三工镇下六工村'].indexOf(unit)}#`,
        );
        const read = (round: RoundInput) =>
          readInterchangeRound(JSON.parse(JSON.stringify(interchangeOf(round))));
        expect(computeStandings(read(withUnits(generated, units)))).toEqual(
          JSON.parse(
            JSON.stringify(computeStandings(read(withUnits(generated, renamed)))).replaceAll(
              /#(\d)#/g,
              (_, at) => String(['U1', 'U10', 'U2', '三工镇', '三工镇下六工村'][Number(at)]),
            ),
          ),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("reads the round rule and the judges' lists, and the engine applies them", () => {
    const file = {
      criteria: [{ id: 'c', max: 10 }],
      judges: [
        { id: 'J1', unit: '三工镇' },
        { id: 'J2', recuse: { contestantIds: ['P2'] } },
        { id: 'J3', recuse: { units: ['榆树沟镇'] } },
      ],
      contestants: [
        { id: 'P1', unit: '三工镇下六工村' },
        { id: 'P2', unit: '佃坝镇' },
        { id: 'P3', unit: '榆树沟镇' },
      ],
      scores: [],
      panel: 'mean',
      recusal: 'contains',
    };
    const round = readInterchangeRound(file);
    expect(round.settings.recusal).toBe('contains');
    expect(round.judges[1]?.recuse).toEqual({ contestantIds: ['P2'], units: [] });
    const recused = Object.fromEntries(
      computeStandings(round).pending.map((result) => [result.id, result.recusedJudges]),
    );
    expect(recused).toEqual({ P1: ['J1'], P2: ['J2'], P3: ['J3'] });
    const { recusal: _, ...contract } = file;
    const contractRound = readInterchangeRound(contract);
    expect(contractRound.settings).not.toHaveProperty('recusal');
    expect(
      computeStandings(contractRound).pending.find((result) => result.id === 'P1')?.recusedJudges,
    ).toEqual([]);
  });

  it('refuses an unknown rule and a list naming an unknown contestant, naming them', () => {
    const base = { criteria: [{ id: 'c', max: 10 }], judges: [{ id: 'J1' }], contestants: [{ id: 'P1' }] };
    expect(() => readInterchangeRound({ ...base, recusal: 'nearby' })).toThrow(RoundRejectedError);
    expect(() => readInterchangeRound({ ...base, recusal: 'nearby' })).toThrow(/nearby/);
    expect(() =>
      readInterchangeRound({ ...base, judges: [{ id: 'J1', recuse: { contestantIds: ['P9'] } }] }),
    ).toThrow(/P9/);
  });
});
