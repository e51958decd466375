import { Suspense, useId } from 'react';
import { formatHundredths } from '../../domain/decimal';
import type { ContestantResult } from '../../domain/engine';
import type { SetAside } from '../../domain/live-standings';
import type { Criterion } from '../../domain/model';
import type { JudgeRecord } from '../../domain/records';
import { useIssueText } from '../i18n/issue-text';
import { useT } from '../i18n/useT';
import { groupCells, groupHeaders } from './LazyGroupColumns';
import type { RoundReport } from './report';
import { TableWrap } from './TableWrap';
import { placeText, rulesInWords } from './words';

/** The standings with everything that made them: judge totals, drops, criteria, adjustments, ties. */
export function StandingsSection({ report }: { report: RoundReport }) {
  const t = useT();
  const issueText = useIssueText();
  const { round, standings, refusal } = report;
  return (
    <section className="results-section" aria-labelledby="results-standings-heading">
      <h2 id="results-standings-heading">{t('results.standings.heading', { round: round.name })}</h2>
      <ul className="results-rules">
        {rulesInWords(round.settings, round.criteria, t).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {refusal && (
        <div className="results-refusal" role="alert">
          <p>{t('results.standings.refused')}</p>
          <ul>
            {refusal.map((found) => (
              <li key={`${found.code}:${found.path}`}>{issueText(found)}</li>
            ))}
          </ul>
        </div>
      )}
      {standings && (
        <>
          {standings.ranked.length === 0 ? (
            <p className="notice">{t('results.standings.noneRanked')}</p>
          ) : (
            <RankedTable report={report} ranked={standings.ranked} />
          )}
          {standings.pending.length > 0 && <PendingTable report={report} pending={standings.pending} />}
          {standings.setAside.length > 0 && <SetAsideList report={report} setAside={standings.setAside} />}
          {standings.excluded.length > 0 && (
            <p className="results-excluded">
              {t('results.standings.excluded', {
                list: standings.excluded
                  .map((entry) =>
                    t(
                      entry.status === 'withdrawn'
                        ? 'results.status.withdrawn'
                        : 'results.status.disqualified',
                      { name: entry.name },
                    ),
                  )
                  .join(t('results.list.separator')),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function RankedTable({ report, ranked }: { report: RoundReport; ranked: ContestantResult[] }) {
  const t = useT();
  const { round } = report;
  const grouped = round.settings.groups !== undefined;
  return (
    <TableWrap label={t('results.standings.caption', { round: report.round.name })}>
      <table className="results-table">
        <caption className="visually-hidden">
          {t('results.standings.caption', { round: report.round.name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('results.col.rank')}</th>
            <th scope="col">{t('results.col.contestant')}</th>
            {grouped && (
              <Suspense fallback={null}>
                <groupHeaders.Part round={round} />
              </Suspense>
            )}
            <th scope="col" className="results-number">
              {t('results.col.score')}
            </th>
            <th scope="col">{t('results.col.award')}</th>
            <th scope="col">{t('results.col.judgeTotals')}</th>
            <th scope="col">{t('results.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((result, at) => (
            <tr key={result.id} className={result.award ? 'results-awarded' : undefined}>
              <td className="results-rank">
                {result.tied ? t('results.rank.tied', { rank: result.rank ?? '' }) : result.rank}
              </td>
              <th scope="row">
                <span className="results-name">{result.name}</span>
                <span className="results-sub">{result.unit ?? ''}</span>
              </th>
              {grouped && (
                <Suspense fallback={null}>
                  <groupCells.Part round={round} result={result} />
                </Suspense>
              )}
              <td className="results-number">
                <strong className="results-score">{result.announcedScore}</strong>
                <span className="results-sub">{t('results.exact', { exact: result.exactFinal ?? '' })}</span>
              </td>
              <td className="results-award">{result.award ?? ''}</td>
              <td>
                <JudgeTotals result={result} judges={report.judges} />
              </td>
              <td>
                <CriterionAggregates
                  result={result}
                  criteria={report.round.criteria}
                  judges={report.judges}
                />
                <Adjustments result={result} report={report} />
                <PlaceNote text={placeText(result, ranked[at - 1] ?? null, report.round.criteria, t)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function PendingTable({ report, pending }: { report: RoundReport; pending: ContestantResult[] }) {
  const t = useT();
  return (
    <>
      <h3>{t('results.pending.heading', { count: pending.length })}</h3>
      <TableWrap label={t('results.pending.caption')}>
        <table className="results-table">
          <caption className="visually-hidden">{t('results.pending.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.col.contestant')}</th>
              <th scope="col">{t('results.col.progress')}</th>
              <th scope="col">{t('results.col.judgeTotals')}</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((result) => (
              <tr key={result.id}>
                <th scope="row">
                  <span className="results-name">{result.name}</span>
                  <span className="results-sub">{result.unit ?? ''}</span>
                </th>
                <td>
                  <strong className="results-pending">{t('results.pending.label')}</strong>{' '}
                  {t('results.pending.progress', {
                    counted: result.countedJudges,
                    required: result.requiredJudges,
                  })}
                </td>
                <td>
                  <JudgeTotals result={result} judges={report.judges} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

/**
 * The marks and adjustments that break a scoring rule, set aside: whose, for whom, what is wrong,
 * and whether the contestant is held for it (not ranked, no score) or it changes nothing.
 */
function SetAsideList({ report, setAside }: { report: RoundReport; setAside: readonly SetAside[] }) {
  const t = useT();
  const issueText = useIssueText();
  const contestantName = (id: string) => report.contestants.find((entry) => entry.id === id)?.name ?? id;
  const judgeName = (id: string) => report.judges.find((judge) => judge.id === id)?.name ?? id;
  const headingId = useId();
  return (
    <section className="results-set-aside" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('results.setAside.heading', { count: setAside.length })}</h3>
      <p>{t('results.setAside.explain')}</p>
      <ul>
        {setAside.map((sheet) => {
          const name = contestantName(sheet.contestant);
          return (
            <li key={`${sheet.contestant}/${sheet.judge ?? ''}`}>
              <strong>
                {sheet.judge === null
                  ? t('results.setAside.adjustment', { name })
                  : t('results.setAside.sheet', { judge: judgeName(sheet.judge), name })}
              </strong>{' '}
              <span className={sheet.affectsScore ? 'results-pending' : 'results-sub'}>
                {t(sheet.affectsScore ? 'results.setAside.held' : 'results.setAside.ignored')}
              </span>
              <ul>
                {sheet.issues.map((found) => (
                  <li key={`${found.code}:${found.path}`}>{issueText(found)}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Each judge's total, in the panel's order; the ones the trim dropped struck through. */
function JudgeTotals({ result, judges }: { result: ContestantResult; judges: readonly JudgeRecord[] }) {
  const t = useT();
  // With groups, each judge's total is also in its group's part.
  const totals = new Map(
    [...(result.groups ?? []).flatMap((group) => group.judgeTotals), ...result.judgeTotals].map((entry) => [
      entry.judge,
      entry,
    ]),
  );
  return (
    <ul className="results-chips">
      {judges.map((judge) => {
        const entry = totals.get(judge.id);
        if (entry) {
          return (
            <li
              key={judge.id}
              className={entry.dropped ? 'results-chip results-chip--dropped' : 'results-chip'}
            >
              <span className="results-chip__name">{judge.name}</span>{' '}
              {entry.dropped ? <s>{entry.shown}</s> : <span>{entry.shown}</span>}
              {entry.dropped && (
                <span className="visually-hidden">
                  {t(entry.dropped === 'high' ? 'results.dropped.high' : 'results.dropped.low')}
                </span>
              )}
            </li>
          );
        }
        const state = result.recusedJudges.includes(judge.id)
          ? t('results.judge.recused')
          : result.incompleteJudges.includes(judge.id)
            ? t('results.judge.incomplete')
            : t('results.judge.notYet');
        return (
          <li key={judge.id} className="results-chip results-chip--muted">
            <span className="results-chip__name">{judge.name}</span> {state}
          </li>
        );
      })}
      {result.trimReduced && (
        <li className="results-chip-note">{t('results.trimReduced', { k: result.effectiveK ?? 0 })}</li>
      )}
    </ul>
  );
}

/** Each criterion's panel aggregate; at level `criterion`, which judges its trim dropped. */
function CriterionAggregates({
  result,
  criteria,
  judges,
}: {
  result: ContestantResult;
  criteria: readonly Criterion[];
  judges: readonly JudgeRecord[];
}) {
  const t = useT();
  const aggregates = new Map(result.criteria.map((entry) => [entry.criterion, entry]));
  const names = (ids: readonly string[]) =>
    ids.map((id) => judges.find((judge) => judge.id === id)?.name ?? id).join(t('results.list.separator'));
  return (
    <ul className="results-criteria" aria-label={t('results.col.criteria')}>
      {criteria.map((criterion) => {
        const entry = aggregates.get(criterion.id);
        const dropped = entry ? [...entry.droppedHigh, ...entry.droppedLow] : [];
        return (
          <li key={criterion.id}>
            <span className="results-chip__name">{criterion.label}</span> {entry?.shown ?? '—'}
            {dropped.length > 0 && (
              <span className="results-sub">{t('results.criterionDropped', { judges: names(dropped) })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function PlaceNote({ text }: { text: string }) {
  return text ? <p className="results-note">{text}</p> : null;
}

/** The contestant's active adjustments, with the reasons the host gave. */
function Adjustments({ result, report }: { result: ContestantResult; report: RoundReport }) {
  const t = useT();
  const rows = report.adjustments.filter(
    (row) => row.added?.contestantId === result.id && row.revoked === null,
  );
  if (rows.length === 0) return null;
  return (
    <ul className="results-adjustments">
      {rows.map((row) => {
        const added = row.added as NonNullable<typeof row.added>;
        const points = formatHundredths(added.points);
        return (
          <li key={row.adjustmentId}>
            {t('results.adjustment', {
              label: added.label,
              points: added.points > 0 ? `+${points}` : points,
              reason: added.reason || t('results.adjustment.noReason'),
            })}
          </li>
        );
      })}
    </ul>
  );
}
