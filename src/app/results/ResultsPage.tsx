import './results.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { BackupPanel } from './BackupPanel';
import { ConsistencySection } from './ConsistencySection';
import { ExportPanel } from './ExportPanel';
import { PrintView } from './PrintView';
import { resultsHref, useResultsPlace } from './place';
import { RoundPicker } from './RoundPicker';
import { loadRoundReport } from './report';
import { StandingsSection } from './StandingsSection';

/**
 * 成绩: one round's standings with their full breakdown, the judges' consistency, the official
 * exports and the print view; and the competition's backup and restore.
 */
export default function ResultsPage() {
  const place = useResultsPlace();
  if (place.print && place.competitionId && place.roundId) {
    return <PrintView competitionId={place.competitionId} roundId={place.roundId} documents={place.print} />;
  }
  return <ResultsScreen competitionId={place.competitionId} roundId={place.roundId} />;
}

function ResultsScreen({ competitionId, roundId }: { competitionId: string | null; roundId: string | null }) {
  const t = useT();
  return (
    <div className="page results">
      <h1>{t('results.title')}</h1>
      <RoundPicker competitionId={competitionId} roundId={roundId} />
      {competitionId && roundId && (
        <RoundResults key={roundId} competitionId={competitionId} roundId={roundId} />
      )}
      <BackupPanel competitionId={competitionId} />
    </div>
  );
}

function RoundResults({ competitionId, roundId }: { competitionId: string; roundId: string }) {
  const db = useDatabase();
  const t = useT();
  const report = useLiveQuery(() => loadRoundReport(db, roundId).catch(() => null), [db, roundId], undefined);
  if (report === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (report === null || report.competition.id !== competitionId) {
    return <p className="notice">{t('results.roundMissing')}</p>;
  }
  return (
    <>
      <StandingsSection report={report} />
      {report.standings && <ConsistencySection standings={report.standings} judges={report.judges} />}
      <ExportPanel report={report} printHref={resultsHref({ competitionId, roundId, print: ['summary'] })} />
    </>
  );
}
