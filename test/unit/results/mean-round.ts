/**
 * The results screens' small rounds: one criterion, 综合 0–100, the plain mean of judges 评委甲,
 * 评委乙…, each contestant of a unit of its own (单位0, 单位1…) in draw order, every sheet
 * marked and submitted.
 */
import type { CompetitionDraft } from '../../../src/db/competitions';
import type { LeitaiDB } from '../../../src/db/database';
import {
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  submitSheet,
} from '../../../src/db/repository';
import type { RoundSettings } from '../../../src/domain/model';

export async function meanRound(
  db: LeitaiDB,
  scored: {
    competition: CompetitionDraft;
    settings: Pick<RoundSettings, 'decimals' | 'tieBreak' | 'awards'>;
    /** The judges' names after 评委: 甲, 乙… */
    judges: string[];
    contestants: string[];
    /** The mark of the contestant at this place from the judge at that place. */
    mark: (contestantAt: number, judgeAt: number) => number;
  },
) {
  const competition = await createCompetition(db, scored.competition);
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '决赛',
    criteria: [{ id: 'all', label: '综合', max: 10000 }],
    settings: {
      panel: { kind: 'mean' },
      level: 'total',
      decimals: scored.settings.decimals,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: scored.settings.tieBreak,
      awards: scored.settings.awards,
    },
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: scored.judges.map((name) => ({ name: `评委${name}`, title: '' })),
    contestants: scored.contestants.map((name, at) => ({
      name,
      unit: `单位${at}`,
      topic: '',
      draw: at + 1,
    })),
  });
  for (const [at, contestant] of contestants.entries()) {
    for (const [judgeAt, judge] of judges.entries()) {
      await enterMark(db, {
        roundId: round.id,
        judgeId: judge.id,
        contestantId: contestant.id,
        criterionId: 'all',
        value: scored.mark(at, judgeAt),
      });
      await submitSheet(db, { roundId: round.id, judgeId: judge.id, contestantId: contestant.id });
    }
  }
  return { competition, round, judges, contestants };
}
