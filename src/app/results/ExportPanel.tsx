import { useEffect, useState } from 'react';
import { useDatabase } from '../db-context';
import { saveFile } from '../files/download';
import { loadExcelJs } from '../files/read-sheet';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { Link } from '../router';
import { competitionLog } from './backup-file';
import { CSV_TYPE, publicCsv, summaryCsv } from './export-csv';
import { exportXlsx } from './export-xlsx';
import type { RoundReport } from './report';

/** A file name every system accepts, from the competition and round names. */
export function fileName(report: RoundReport, what: string, extension: string): string {
  const base = `${report.competition.name}-${report.round.name}-${what}`;
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '_')}.${extension}`;
}

type Export = 'xlsx' | 'summaryCsv' | 'publicCsv';

const LABELS: Record<Export, MessageKey> = {
  xlsx: 'results.export.xlsx',
  summaryCsv: 'results.export.summaryCsv',
  publicCsv: 'results.export.publicCsv',
};

/** 导出与打印: the official workbook, the two CSV lists, and the print view. */
export function ExportPanel({ report, printHref }: { report: RoundReport; printHref: string }) {
  const db = useDatabase();
  const t = useT();
  // Fetch exceljs and hash the chain while the organizer reads the standings, so that the
  // first export is quick. Failures show when the export is asked for.
  const competitionId = report.competition.id;
  useEffect(() => {
    loadExcelJs().catch(() => {});
    competitionLog(db, competitionId).catch(() => {});
  }, [db, competitionId]);
  const [state, setState] = useState<{ busy: Export | null; done: string; error: string }>({
    busy: null,
    done: '',
    error: '',
  });

  const run = async (kind: Export) => {
    setState({ busy: kind, done: '', error: '' });
    try {
      const { events, head } = await competitionLog(db, report.competition.id);
      let name: string;
      if (kind === 'xlsx') {
        name = fileName(report, t('results.file.workbook'), 'xlsx');
        saveFile(await exportXlsx({ report, events, head, t }), name);
      } else {
        const summary = kind === 'summaryCsv';
        name = fileName(report, t(summary ? 'results.file.summary' : 'results.file.public'), 'csv');
        const text = summary ? summaryCsv(report, head, t) : publicCsv(report, head, t);
        saveFile(new Blob([text], { type: CSV_TYPE }), name);
      }
      setState({ busy: null, done: t('results.export.done', { file: name }), error: '' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setState({ busy: null, done: '', error: t('results.export.failed', { reason }) });
    }
  };

  const unavailable = report.standings === null;
  return (
    <section className="results-section" aria-labelledby="results-export-heading">
      <h2 id="results-export-heading">{t('results.export.heading')}</h2>
      <p className="results-lead">{t('results.export.lead')}</p>
      <div className="results-actions">
        {(Object.keys(LABELS) as Export[]).map((kind) => (
          <button
            key={kind}
            type="button"
            className={kind === 'xlsx' ? 'button' : 'button button--secondary'}
            disabled={state.busy !== null || unavailable}
            onClick={() => run(kind)}
          >
            {state.busy === kind ? t('results.export.busy') : t(LABELS[kind])}
          </button>
        ))}
        {!unavailable && (
          <Link to={printHref} className="button button--gold">
            {t('results.export.print')}
          </Link>
        )}
      </div>
      <p className="results-status" role="status">
        {state.done}
      </p>
      {state.error && (
        <p className="results-error" role="alert">
          {state.error}
        </p>
      )}
    </section>
  );
}
