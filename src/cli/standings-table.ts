/**
 * `leitai score --table`: the standings as a table a person reads, in Chinese by default.
 * Ranked contestants first, then those still being scored (评分中, with their progress), then
 * those withdrawn or disqualified. The last column says 并列, or which tie-break step put a
 * contestant below the one listed just above it; it is empty where the score alone did.
 * With rater groups, a column per group (in the round's order) shows the group's score and what
 * it adds to the final (专家评委 85.00 → 51.00), or its progress while the contestant is pending.
 */
import type { ContestantResult, GroupResult, Standings } from '../domain/engine.ts';
import type { Language } from '../domain/issues.ts';
import type { Criterion, RoundInput, RoundSettings } from '../domain/model.ts';
import { say } from './messages.ts';
import { type Column, renderTable, type TableSection } from './table.ts';

/** How a tie-break step is named in the table: 精确得分, 不去分平均, 单项「内容」. */
export function tieBreakStepName(step: string, criteria: readonly Criterion[], language: Language): string {
  if (step === 'exact') return say('stepExact', language);
  if (step === 'untrimmed') return say('stepUntrimmed', language);
  const id = step.startsWith('criterion:') ? step.slice('criterion:'.length) : step;
  const criterion = criteria.find((candidate) => candidate.id === id);
  return say('stepCriterion', language, { criterion: criterion?.label || id });
}

/** The note of one ranked contestant: 并列, 按…区分, both, or nothing. */
export function separationNote(
  result: Pick<ContestantResult, 'tied' | 'separatedBy'>,
  criteria: readonly Criterion[],
  language: Language,
): string {
  const { tied, separatedBy } = result;
  const byStep = separatedBy !== null && separatedBy !== 'score' && separatedBy !== 'tied';
  if (byStep) {
    const step = tieBreakStepName(separatedBy, criteria, language);
    return say(tied ? 'separatedAndTied' : 'separatedBy', language, { step });
  }
  return tied ? say('tied', language) : '';
}

export function formatStandingsTable(
  standings: Standings,
  round: Pick<RoundInput, 'criteria' | 'contestants'> & { settings?: Pick<RoundSettings, 'groups'> },
  language: Language = 'zh-CN',
): string {
  const { criteria } = round;
  const groups = round.settings?.groups ?? [];
  const groupCells = (result: ContestantResult, cell: (group: GroupResult) => string) =>
    groups.map((group) => {
      const part = result.groups?.find((entry) => entry.id === group.id);
      return part ? cell(part) : '';
    });
  const groupBlanks = groups.map(() => '');
  const unitOf = new Map(round.contestants.map((contestant) => [contestant.id, contestant.unit ?? '']));
  const columns: Column[] = [
    { heading: say('headingRank', language), align: 'right' },
    { heading: say('headingId', language) },
    { heading: say('headingName', language) },
    { heading: say('headingUnit', language) },
    { heading: say('headingScore', language), align: 'right' },
    { heading: say('headingExact', language), align: 'right' },
    ...groups.map((group): Column => ({ heading: group.label || group.id, align: 'right' })),
    { heading: say('headingJudges', language), align: 'right' },
    { heading: say('headingAward', language) },
    { heading: say('headingNote', language) },
  ];
  const sections: TableSection[] = [
    {
      rows: standings.ranked.map((result) => [
        String(result.rank ?? ''),
        result.id,
        result.name,
        result.unit ?? '',
        result.announcedScore ?? '',
        result.exactFinal ?? '',
        ...groupCells(result, (part) => `${part.announced ?? ''} → ${part.contributionShown ?? ''}`),
        String(result.countedJudges),
        result.award ?? '',
        separationNote(result, criteria, language),
      ]),
    },
  ];
  if (standings.ranked.length === 0) sections[0] = { title: say('noRanked', language), rows: [] };
  if (standings.pending.length > 0) {
    sections.push({
      title: say('sectionPending', language, { count: standings.pending.length }),
      rows: standings.pending.map((result) => [
        '',
        result.id,
        result.name,
        result.unit ?? '',
        '',
        '',
        ...groupCells(result, (part) =>
          say('progress', language, { counted: part.countedJudges, required: part.requiredJudges }),
        ),
        say('progress', language, { counted: result.countedJudges, required: result.requiredJudges }),
        '',
        '',
      ]),
    });
  }
  if (standings.excluded.length > 0) {
    sections.push({
      title: say('sectionExcluded', language, { count: standings.excluded.length }),
      rows: standings.excluded.map((entry) => [
        '',
        entry.id,
        entry.name,
        unitOf.get(entry.id) ?? '',
        '',
        '',
        ...groupBlanks,
        '',
        '',
        say(entry.status === 'withdrawn' ? 'statusWithdrawn' : 'statusDisqualified', language),
      ]),
    });
  }
  return renderTable(columns, sections);
}
