/** Marks that reached this device after their contestant was revealed: kept in the log, not counted. */

import { formatHundredths } from '../../domain/decimal';
import { isLateMark, type MarkRow } from '../../domain/events';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { useT } from '../i18n/useT';

export function LateMarks({
  round,
  marks,
  judges,
  contestants,
}: {
  round: RoundRecord;
  marks: MarkRow[];
  judges: JudgeRecord[];
  contestants: ContestantRecord[];
}) {
  const t = useT();
  const late = marks.filter(isLateMark);
  if (late.length === 0) return null;
  const shown = (value: number | null) => (value === null ? t('stage.late.empty') : formatHundredths(value));
  return (
    <section className="host-card host-late" aria-labelledby="host-late-title">
      <h3 id="host-late-title">{t('stage.late.title')}</h3>
      <ul>
        {late.map((row) => {
          const contestant = contestants.find((candidate) => candidate.id === row.contestantId);
          return (
            <li key={`${row.judgeId}/${row.contestantId}/${row.criterionId}`}>
              {t('stage.late.item', {
                judge: judges.find((judge) => judge.id === row.judgeId)?.name ?? row.judgeId,
                draw: contestant?.draw ?? '—',
                name: contestant?.name ?? row.contestantId,
                criterion:
                  round.criteria.find((criterion) => criterion.id === row.criterionId)?.label ??
                  row.criterionId,
                late: shown(row.latest?.value ?? null),
                counted: shown(row.value),
              })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
