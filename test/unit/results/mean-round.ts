/**
 * Small scored rounds of one criterion (0–100) and the plain mean, each sheet marked and submitted:
 * the results screens' (meanRound) and the combination's stages (test/unit/db/combination-seed.ts).
 */
import type { CompetitionDraft } from '../../../src/db/competitions';
import type { LeitaiDB } from '../../../src/db/database';
import {
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  type RosterImport,
  submitSheet,
} from '../../../src/db/repository';
import type { RoundSettings } from '../../../src/domain/model';

export interface MeanRoundPlan {
  name: string;
  /** The one criterion, out of 100 (10000 in hundredths). */
  criterion: { id: string; label: string };
  settings: Pick<RoundSettings, 'decimals' | 'tieBreak' | 'awards'>;
  roster: Required<RosterImport>;
  /** The mark of the contestant at this place from the judge at that place; null for none. */
  mark: (contestantAt: number, judgeAt: number) => number | null;
}

/** The planned round in the competition, its roster imported and its sheets marked and submitted. */
export async function meanRoundIn(db: LeitaiDB, competitionId: string, plan: MeanRoundPlan) {
  const round = await createRound(db, {
    competitionId,
    name: plan.name,
    criteria: [{ ...plan.criterion, max: 10000 }],
    settings: {
      panel: { kind: 'mean' },
      level: 'total',
      decimals: plan.settings.decimals,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: plan.settings.tieBreak,
      awards: plan.settings.awards,
    },
  });
  const { judges, contestants } = await importRoster(db, round.id, plan.roster);
  for (const [at, contestant] of contestants.entries()) {
    for (const [judgeAt, judge] of judges.entries()) {
      const value = plan.mark(at, judgeAt);
      if (value === null) continue;
      const sheet = { roundId: round.id, judgeId: judge.id, contestantId: contestant.id };
      await enterMark(db, { ...sheet, criterionId: plan.criterion.id, value });
      await submitSheet(db, sheet);
    }
  }
  return { round, judges, contestants };
}

/**
 * The results screens' round, 决赛 of a competition of its own: 综合, judges 评委甲, 评委乙…, each
 * contestant of a unit of its own (单位0, 单位1…) in draw order, every sheet marked.
 */
export async function meanRound(
  db: LeitaiDB,
  scored: {
    competition: CompetitionDraft;
    settings: MeanRoundPlan['settings'];
    /** The judges' names after 评委: 甲, 乙… */
    judges: string[];
    contestants: string[];
    /** The mark of the contestant at this place from the judge at that place. */
    mark: (contestantAt: number, judgeAt: number) => number;
  },
) {
  const competition = await createCompetition(db, scored.competition);
  const seeded = await meanRoundIn(db, competition.id, {
    name: '决赛',
    criterion: { id: 'all', label: '综合' },
    settings: scored.settings,
    roster: {
      judges: scored.judges.map((name) => ({ name: `评委${name}`, title: '' })),
      contestants: scored.contestants.map((name, at) => ({
        name,
        unit: `单位${at}`,
        topic: '',
        draw: at + 1,
      })),
    },
    mark: scored.mark,
  });
  return { competition, ...seeded };
}
