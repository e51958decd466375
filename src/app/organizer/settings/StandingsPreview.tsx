import { useMemo } from 'react';
import type { ContestantResult, GroupResult, Standings } from '../../../domain/engine';
import { RoundRejectedError } from '../../../domain/issues';
import { computeLiveStandings } from '../../../domain/live-standings';
import type { Criterion, RaterGroup, RoundSettings } from '../../../domain/model';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { SAMPLE_CONTESTANTS, SAMPLE_JUDGES, sampleRound } from './sample-round';

export interface StandingsPreviewProps {
  criteria: readonly Criterion[];
  /** The settings being edited, before they are saved; null while a field is wrong. */
  settings: RoundSettings | null;
}

/** The standings the edited settings give on the sample marks: 示例数据, never the round's own. */
export function StandingsPreview({ criteria, settings }: StandingsPreviewProps) {
  const t = useT();
  const errorText = useErrorText();
  const outcome = useMemo((): { standings: Standings } | { error: string } | null => {
    if (!settings) return null;
    const names = {
      contestant: (n: number) => t('org.preview.contestant', { n }),
      judge: (n: number) => t('org.preview.judge', { n }),
    };
    try {
      return { standings: computeLiveStandings(sampleRound(criteria, settings, names)) };
    } catch (error) {
      if (error instanceof RoundRejectedError) return { error: errorText(error) };
      throw error;
    }
  }, [criteria, settings, t, errorText]);

  return (
    <section className="org-preview" aria-labelledby="org-preview-heading" aria-live="polite">
      <h3 id="org-preview-heading">{t('org.preview.heading')}</h3>
      <p className="org-sample-note">
        {t('org.preview.note', { contestants: SAMPLE_CONTESTANTS, judges: SAMPLE_JUDGES })}
      </p>
      {outcome === null && <p className="notice">{t('org.preview.paused')}</p>}
      {outcome && 'error' in outcome && <p className="org-error">{outcome.error}</p>}
      {outcome && 'standings' in outcome && (
        <PreviewTable standings={outcome.standings} criteria={criteria} groups={settings?.groups ?? []} />
      )}
    </section>
  );
}

function PreviewTable({
  standings,
  criteria,
  groups,
}: {
  standings: Standings;
  criteria: readonly Criterion[];
  groups: readonly RaterGroup[];
}) {
  const t = useT();
  const groupScore = (result: ContestantResult, id: string) =>
    result.groups?.find((group) => group.id === id)?.announced ?? '—';
  const first = [...standings.ranked, ...standings.pending].find((result) => result.id === 'contestant-1');
  return (
    <>
      <table className="org-table org-table--preview">
        <caption className="visually-hidden">{t('org.preview.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('org.preview.rank')}</th>
            <th scope="col">{t('org.preview.name')}</th>
            {groups.map((group) => (
              <th scope="col" className="org-number" key={group.id}>
                {group.label}
              </th>
            ))}
            <th scope="col" className="org-number">
              {t('org.preview.score')}
            </th>
            <th scope="col">{t('org.preview.tied')}</th>
            <th scope="col">{t('org.preview.award')}</th>
          </tr>
        </thead>
        <tbody>
          {standings.ranked.map((result) => (
            <tr key={result.id}>
              <td>{result.rank}</td>
              <td>{result.name}</td>
              {groups.map((group) => (
                <td className="org-number" key={group.id}>
                  {groupScore(result, group.id)}
                </td>
              ))}
              <td className="org-number">{result.announcedScore}</td>
              <td>{result.tied ? t('org.preview.tiedYes') : ''}</td>
              <td>{result.award ?? ''}</td>
            </tr>
          ))}
          {standings.pending.map((result) => (
            <tr key={result.id}>
              <td>—</td>
              <td>{result.name}</td>
              <td colSpan={3 + groups.length}>
                {t('org.preview.pending', { counted: result.countedJudges, required: result.requiredJudges })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {first?.groups ? (
        <GroupsExplained result={first} />
      ) : (
        first && <TrimExplained result={first} criteria={criteria} />
      )}
    </>
  );
}

/** What the panel rule did with the first sample contestant's marks. */
function TrimExplained({ result, criteria }: { result: ContestantResult; criteria: readonly Criterion[] }) {
  const t = useT();
  const judgeName = (id: string) => t('org.preview.judge', { n: id.replace('judge-', '') });
  const droppedCriteria = result.criteria.filter(
    (entry) => entry.droppedHigh.length > 0 || entry.droppedLow.length > 0,
  );
  return (
    <div className="org-trim">
      <h4>{t('org.preview.firstHeading', { name: result.name })}</h4>
      <ul className="org-judge-totals">
        {result.judgeTotals.map((entry) => (
          <li key={entry.judge} className={entry.dropped ? 'org-dropped' : undefined}>
            <span>{judgeName(entry.judge)}</span> <span className="org-number">{entry.shown}</span>
            {entry.dropped && (
              <strong>
                {' '}
                {t(entry.dropped === 'high' ? 'org.preview.droppedHigh' : 'org.preview.droppedLow')}
              </strong>
            )}
          </li>
        ))}
      </ul>
      {result.trimReduced && (
        <p className="org-hint">{t('org.preview.trimReduced', { k: result.effectiveK ?? 0 })}</p>
      )}
      {droppedCriteria.length > 0 && (
        <p className="org-hint">
          {t('org.preview.criterionDrops', {
            list: droppedCriteria
              .map((entry) =>
                t('org.preview.criterionDrop', {
                  criterion:
                    criteria.find((criterion) => criterion.id === entry.criterion)?.label ?? entry.criterion,
                  high: entry.droppedHigh.map(judgeName).join('、'),
                  low: entry.droppedLow.map(judgeName).join('、'),
                }),
              )
              .join('；'),
          })}
        </p>
      )}
      {result.judgeTotals.every((entry) => !entry.dropped) && droppedCriteria.length === 0 && (
        <p className="org-hint">{t('org.preview.nothingDropped')}</p>
      )}
      <FirstResult result={result} />
    </div>
  );
}

/** The first sample contestant's final score (最后得分), under either explanation. */
function FirstResult({ result }: { result: ContestantResult }) {
  const t = useT();
  return (
    <p>
      {t('org.preview.firstResult', {
        score: result.announcedScore ?? '—',
        exact: result.exactFinal ?? '—',
      })}
    </p>
  );
}

/** What each group gave the first sample contestant, and what that adds to the final score. */
function GroupsExplained({ result }: { result: ContestantResult }) {
  const t = useT();
  return (
    <div className="org-trim">
      <h4>{t('org.preview.groupsHeading', { name: result.name })}</h4>
      <ul className="org-group-parts">
        {(result.groups ?? []).map((group) => (
          <GroupPart key={group.id} group={group} />
        ))}
      </ul>
      <FirstResult result={result} />
    </div>
  );
}

function GroupPart({ group }: { group: GroupResult }) {
  const t = useT();
  const judgeName = (id: string) => t('org.preview.judge', { n: id.replace('judge-', '') });
  const dropped = group.judgeTotals.filter((entry) => entry.dropped).map((entry) => judgeName(entry.judge));
  return (
    <li>
      {t('org.preview.groupPart', {
        group: group.label,
        score: group.announced ?? '—',
        points: group.points,
        weight: group.weight,
        part: group.contributionShown ?? '—',
      })}
      {dropped.length > 0 && (
        <span className="org-hint"> {t('org.preview.groupDropped', { judges: dropped.join('、') })}</span>
      )}
    </li>
  );
}
