/**
 * 观摩进度: in a site-visit round, which contestant's sites are complete for which judge. One row
 * per contestant (the panel scores one sheet per contestant, whatever the number of their sites),
 * in the order of the visits, its sites named; one column per judge, headed by when the judge's
 * tablet last reached the venue server. A tablet scores offline all day: its sheets show here
 * once it has synced, so an empty cell under an offline tablet may be a sheet not yet brought back.
 */

import type { ScoringRows } from '../../db/repository';
import type { Id } from '../../domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { panelProgress } from '../../domain/reveal-checks';
import {
  bySiteVisit,
  formatSites,
  isSiteComplete,
  type SiteSheetState,
  siteSheetState,
} from '../../domain/site-visits';
import { useUiStore } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { tabletLine } from './tablet-line';
import type { PresenceView } from './use-presence';
import type { SheetSignings } from './use-sheet-signings';
import './site-visits.css';

export interface SiteVisitTableProps {
  round: RoundRecord;
  judges: readonly JudgeRecord[];
  contestants: readonly ContestantRecord[];
  rows: ScoringRows;
  presence: PresenceView;
  signings: SheetSignings;
}

const CELL_TEXT: Record<SiteSheetState, MessageKey> = {
  in: 'stage.sites.in',
  inProgress: 'stage.sites.inProgress',
  none: 'stage.sites.none',
  recused: 'stage.sites.recused',
};

export function SiteVisitTable({
  round,
  judges,
  contestants,
  rows,
  presence,
  signings,
}: SiteVisitTableProps) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const visits = contestants.filter((contestant) => contestant.status === 'active').sort(bySiteVisit);
  const lines = visits.map((contestant) => {
    const states = panelProgress(
      judges,
      contestant,
      round.criteria,
      rows.marks,
      rows.sheets,
      round.settings.recusal,
      round.settings.groups,
    ).map(siteSheetState);
    return { contestant, states, complete: isSiteComplete(states) };
  });
  const signed = (judgeId: Id, contestantId: Id) =>
    signings.state === 'checked' && signings.signingOf(judgeId, contestantId)?.state === 'signed';
  const done = lines.filter((line) => line.complete);
  const sitesOf = (contestant: ContestantRecord) => contestant.sites?.length ?? 0;

  return (
    <section className="host-card host-sites" aria-labelledby="host-sites-title">
      <div className="host-card__head">
        <h2 id="host-sites-title">{t('stage.sites.title')}</h2>
        <p className="host-sites__summary" role="status">
          {t('stage.sites.summary', {
            done: done.length,
            total: lines.length,
            sitesDone: done.reduce((sum, line) => sum + sitesOf(line.contestant), 0),
            sitesTotal: lines.reduce((sum, line) => sum + sitesOf(line.contestant), 0),
          })}
        </p>
      </div>
      {(presence.state === 'hostOffline' || presence.state === 'hostNoSession') && (
        <p className="host-presence-note" role="status">
          {t(
            presence.state === 'hostOffline' ? 'stage.presence.hostOffline' : 'stage.presence.hostNoSession',
          )}
        </p>
      )}
      <div className="host-sites__scroll">
        <table className="host-sites__table">
          <thead>
            <tr>
              <th scope="col">{t('stage.sites.site')}</th>
              {judges.map((judge) => {
                const tablet = tabletLine(presence, judge.id, t, lang);
                return (
                  <th scope="col" key={judge.id}>
                    <span className="host-sites__judge">{judge.name}</span>
                    {tablet && (
                      <span className={`host-presence host-presence--${tablet.state}`}>{tablet.text}</span>
                    )}
                  </th>
                );
              })}
              <th scope="col">{t('stage.sites.complete')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map(({ contestant, states, complete }) => (
              <tr key={contestant.id} className={complete ? 'host-sites__row--complete' : undefined}>
                <th scope="row">
                  <span className="host-sites__where">
                    {contestant.sites ? formatSites(contestant.sites) : t('stage.sites.noSite')}
                  </span>
                  <span className="host-sites__who">{contestant.name}</span>
                </th>
                {states.map((state, index) => {
                  const judge = judges[index] as JudgeRecord;
                  return (
                    <td key={judge.id} className={`host-sites__cell host-sites__cell--${state}`}>
                      {t(CELL_TEXT[state])}
                      {state === 'in' && signed(judge.id, contestant.id) && ` · ${t('stage.sites.signed')}`}
                    </td>
                  );
                })}
                <td className="host-sites__verdict">
                  {complete
                    ? t('stage.sites.completeYes')
                    : t('stage.sites.waiting', {
                        count: states.filter((state) => state === 'none' || state === 'inProgress').length,
                      })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
