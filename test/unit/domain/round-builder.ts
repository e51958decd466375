/** Small rounds for tests, written in real units ("8.5") and turned into the engine's hundredths. */
import { parseHundredths } from '../../../src/domain/decimal.ts';
import {
  DEFAULT_SETTINGS,
  type RaterGroup,
  type RoundInput,
  type RoundSettings,
} from '../../../src/domain/model.ts';
import { type Rational, rational } from '../../../src/domain/rational.ts';

export const h = (value: number | string): number => {
  const parsed = parseHundredths(value);
  if (!parsed.ok) throw new Error(`bad test value ${value}`);
  return parsed.value;
};

export interface SimpleRound {
  criteria?: { id: string; max: number | string; points?: number | string; step?: number | string }[];
  judges?: ({ id: string; weight?: number | string; unit?: string; group?: string } | string)[];
  contestants?: (
    | { id: string; unit?: string; draw?: number; status?: 'active' | 'withdrawn' | 'disqualified' }
    | string
  )[];
  /** judge -> contestant -> marks in criterion order */
  marks?: Record<string, Record<string, (number | string | null)[]>>;
  adjustments?: { contestant: string; points: number | string; label?: string }[];
  settings?: Partial<RoundSettings>;
}

export function buildRound(round: SimpleRound): RoundInput {
  const criteria = (round.criteria ?? [{ id: 'c', max: 100, step: '0.01' }]).map((criterion) => ({
    id: criterion.id,
    label: criterion.id,
    max: h(criterion.max),
    points: h(criterion.points ?? criterion.max),
    step: h(criterion.step ?? '0.1'),
  }));
  const judges = (round.judges ?? []).map((judge) =>
    typeof judge === 'string'
      ? { id: judge, name: judge, weight: 100, unit: null }
      : {
          id: judge.id,
          name: judge.id,
          weight: h(judge.weight ?? 1),
          unit: judge.unit ?? null,
          ...(judge.group === undefined ? {} : { group: judge.group }),
        },
  );
  const contestants = (round.contestants ?? []).map((contestant, position) =>
    typeof contestant === 'string'
      ? { id: contestant, name: contestant, unit: null, draw: position + 1, status: 'active' as const }
      : {
          id: contestant.id,
          name: contestant.id,
          unit: contestant.unit ?? null,
          draw: contestant.draw ?? position + 1,
          status: contestant.status ?? ('active' as const),
        },
  );
  const marks = Object.entries(round.marks ?? {}).flatMap(([judge, byContestant]) =>
    Object.entries(byContestant).flatMap(([contestant, values]) =>
      values.flatMap((value, position) =>
        value === null
          ? []
          : [
              {
                judge,
                contestant,
                criterion: criteria[position]?.id ?? `missing${position}`,
                value: h(value),
              },
            ],
      ),
    ),
  );
  const adjustments = (round.adjustments ?? []).map((adjustment) => ({
    contestant: adjustment.contestant,
    label: adjustment.label ?? '调整',
    points: h(adjustment.points),
  }));
  return {
    criteria,
    judges,
    contestants,
    marks,
    adjustments,
    settings: { ...DEFAULT_SETTINGS, ...round.settings },
  };
}

/** One criterion 0-100, each judge's single mark per contestant. */
export function totalsRound(
  totals: Record<string, Record<string, number | string>>,
  settings: Partial<RoundSettings> = {},
  extra: Partial<SimpleRound> = {},
): RoundInput {
  const judges = Object.keys(totals);
  const contestants = [...new Set(judges.flatMap((judge) => Object.keys(totals[judge] ?? {})))];
  const marks = Object.fromEntries(
    judges.map((judge) => [
      judge,
      Object.fromEntries(
        Object.entries(totals[judge] ?? {}).map(([contestant, value]) => [contestant, [value]]),
      ),
    ]),
  );
  return buildRound({ judges, contestants, marks, settings, ...extra });
}

/** A rater group for test rounds, in real units: group('expert', 70, ['c1'], { kind: 'mean' }). */
export function group(
  id: string,
  weight: number | string,
  criteria: string[] | null = null,
  panel: RoundSettings['panel'] | null = null,
  minJudges: number | null = null,
): RaterGroup {
  return { id, label: id, weight: h(weight), criteria, panel, minJudges };
}

/** Reads the engine's exact strings back ("87.725", "263/3") for comparisons. */
export function parseExact(text: string): Rational {
  if (text.includes('/')) {
    const [num, den] = text.split('/');
    return rational(BigInt(num as string), BigInt(den as string));
  }
  const [whole = '0', fraction = ''] = text.split('.');
  const negative = whole.startsWith('-');
  const digits = BigInt(whole.replace('-', '') + fraction);
  return rational(negative ? -digits : digits, 10n ** BigInt(fraction.length));
}
