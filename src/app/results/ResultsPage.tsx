import './results.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useEffect } from 'react';
import { RepositoryError } from '../../db/errors';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { lazyPart, preloadWhenIdle } from '../pwa/lazy-part';
import { resultsHref, useResultsPlace } from './place';
import { RoundClosure } from './RoundClosure';
import { RoundPicker } from './RoundPicker';
import { loadRoundReport } from './report';
import { StandingsSection } from './StandingsSection';

// The exports, the print view and the backup are chunks of their own: the standings come first,
// and these follow in the background (test/budgets keeps the page's first screen small).
const printView = lazyPart([], () => import('./PrintView').then((module) => module.PrintView));
const exportPanel = lazyPart(['results-backup'], () =>
  import('./ExportPanel').then((module) => module.ExportPanel),
);
const backupPanel = lazyPart(['results-backup'], () =>
  import('./BackupPanel').then((module) => module.BackupPanel),
);
// 总成绩, only for a competition that has a combination.
const combinedSection = lazyPart(['combination'], () =>
  import('./CombinedSection').then((module) => module.CombinedSection),
);
const consistencySection = lazyPart([], () =>
  import('./ConsistencySection').then((module) => module.ConsistencySection),
);

/**
 * 成绩: one round's standings with their full breakdown, the judges' consistency, the official
 * exports and the print view; and the competition's backup and restore.
 */
export default function ResultsPage() {
  const place = useResultsPlace();
  if (place.print && place.competitionId && place.roundId) {
    return (
      <printView.Part competitionId={place.competitionId} roundId={place.roundId} documents={place.print} />
    );
  }
  return <ResultsScreen competitionId={place.competitionId} roundId={place.roundId} />;
}

function ResultsScreen({ competitionId, roundId }: { competitionId: string | null; roundId: string | null }) {
  const t = useT();
  useEffect(() => {
    preloadWhenIdle(exportPanel, backupPanel, printView, consistencySection);
  }, []);
  return (
    <div className="page results">
      <h1>{t('results.title')}</h1>
      <RoundPicker competitionId={competitionId} roundId={roundId} />
      {competitionId && roundId && (
        <RoundResults key={roundId} competitionId={competitionId} roundId={roundId} />
      )}
      <Suspense fallback={null}>
        <backupPanel.Part competitionId={competitionId} />
      </Suspense>
    </div>
  );
}

function RoundResults({ competitionId, roundId }: { competitionId: string; roundId: string }) {
  const db = useDatabase();
  const t = useT();
  // A round deleted (or not yet synced) says so; any other failure is a real error and surfaces.
  const report = useLiveQuery(
    () =>
      loadRoundReport(db, roundId).catch((error: unknown) => {
        if (error instanceof RepositoryError && error.code === 'not-found') return null;
        throw error;
      }),
    [db, roundId],
    undefined,
  );
  if (report === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (report === null || report.competition.id !== competitionId) {
    return <p className="notice">{t('results.roundMissing')}</p>;
  }
  return (
    <>
      <RoundClosure report={report} />
      <StandingsSection report={report} />
      {report.standings && (
        <Suspense fallback={null}>
          <consistencySection.Part standings={report.standings} judges={report.judges} />
        </Suspense>
      )}
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <exportPanel.Part
          report={report}
          printHref={resultsHref({ competitionId, roundId, print: ['summary'] })}
        />
      </Suspense>
      {report.competition.combination && (
        <Suspense fallback={null}>
          <combinedSection.Part competitionId={competitionId} />
        </Suspense>
      )}
    </>
  );
}
