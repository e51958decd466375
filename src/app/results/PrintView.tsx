import './print.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, Suspense, useState } from 'react';
import { formatHundredths } from '../../domain/decimal';
import type { JudgeRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import type { TFunction } from '../i18n/useT';
import { useT } from '../i18n/useT';
import { lazyPart } from '../pwa/lazy-part';
import { Link, navigate } from '../router';
import { competitionLog } from './backup-file';
import { HandSignatureCell, useHandSignatures } from './hand-signature-print';
import { PRINT_DOCUMENTS, type PrintDocument, resultsHref } from './place';
import { loadRoundReport, type RoundReport } from './report';
import { SignedSheetCodes } from './SignedSheetCodes';
import {
  JUDGE_STATE_KEYS,
  judgeSheetCriteria,
  judgeSheetRows,
  judgesByGroup,
  publicRows,
  summaryColumns,
  summaryRows,
} from './sheets';
import { rulesInWords } from './words';

const DOCUMENT_KEYS = {
  summary: 'results.print.doc.summary',
  judges: 'results.print.doc.judges',
  public: 'results.print.doc.public',
  combined: 'results.print.doc.combined',
  certificates: 'results.print.doc.certificates',
} as const;

export const groupedHead = (head: string) => head.match(/.{1,8}/g)?.join(' ') ?? head;

/** A CSS string literal. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ')}"`;
}

/**
 * The page boxes of every printed sheet: the competition at the top, the chain's head at the
 * bottom left, "第 N 页 / 共 M 页" at the bottom right. Certificates are printed on their own
 * (landscape, no boxes): one orientation per print job, so no named pages and no blank page.
 * Mounted with the print view only.
 */
function pageCss(report: RoundReport, head: string, certificates: boolean, t: TFunction): string {
  if (certificates) return '@page { size: A4 landscape; margin: 0; }';
  const title = cssString(`${report.competition.name} · ${report.round.name}`);
  const [before = '', between = '', after = ''] = t('results.print.pageNumber').split(/\{pages?\}/);
  const pageNumber = `${cssString(before)} counter(page) ${cssString(between)} counter(pages) ${cssString(after)}`;
  return `@page {
  size: A4;
  margin: 16mm 14mm 18mm;
  @top-center { content: ${title}; font-size: 9pt; color: var(--grey-20); }
  @bottom-left { content: ${cssString(t('results.footer.head', { head: groupedHead(head) }))}; font-size: 6.5pt; color: var(--grey-20); font-family: monospace; }
  @bottom-right { content: ${pageNumber}; font-size: 9pt; color: var(--grey-20); }
}`;
}

/** Certificates print alone (landscape); the sheets together (portrait). */
export function printSelection(documents: readonly PrintDocument[]): PrintDocument[] {
  return documents.includes('certificates') ? ['certificates'] : [...documents];
}

/** 打印: the official sheets laid out for A4, printed through the browser (window.print). */
export function PrintView({
  competitionId,
  roundId,
  documents,
}: {
  competitionId: string;
  roundId: string;
  documents: PrintDocument[];
}) {
  const chosen = printSelection(documents);
  const db = useDatabase();
  const t = useT();
  const report = useLiveQuery(() => loadRoundReport(db, roundId).catch(() => null), [db, roundId], undefined);
  const head = useLiveQuery(async () => (await competitionLog(db, competitionId)).head, [db, competitionId]);
  // Certificates of a provisional round print only on the organizer's explicit word.
  const [printProvisional, setPrintProvisional] = useState(false);
  const back = resultsHref({ competitionId, roundId });

  if (report === undefined || head === undefined) return <p className="page loading">{t('app.loading')}</p>;
  if (report === null || !report.standings) {
    return (
      <div className="page">
        <p className="notice">{t('results.roundMissing')}</p>
        <Link to={back} className="button button--secondary">
          {t('results.print.back')}
        </Link>
      </div>
    );
  }

  const toggle = (document: PrintDocument, on: boolean) => {
    const next =
      document === 'certificates'
        ? on
          ? ['certificates' as const]
          : []
        : PRINT_DOCUMENTS.filter(
            (entry) => entry !== 'certificates' && (entry === document ? on : chosen.includes(entry)),
          );
    navigate(resultsHref({ competitionId, roundId, print: next }), { replace: true });
  };
  const certificates = chosen.includes('certificates');
  const heldBack = certificates && !report.status.final && !printProvisional;

  return (
    <div className="print-view">
      <style>{pageCss(report, head, certificates, t)}</style>
      <div className="print-toolbar page">
        <h1>{t('results.print.title', { round: report.round.name })}</h1>
        <fieldset className="print-choices">
          <legend>{t('results.print.choose')}</legend>
          {PRINT_DOCUMENTS.filter(
            (document) => document !== 'combined' || report.competition.combination,
          ).map((document) => (
            <label key={document} className="print-choice">
              <input
                type="checkbox"
                checked={chosen.includes(document)}
                onChange={(event) => toggle(document, event.target.checked)}
              />
              <span>{t(DOCUMENT_KEYS[document])}</span>
            </label>
          ))}
        </fieldset>
        <div className="results-actions">
          <button
            type="button"
            className="button"
            onClick={() => window.print()}
            disabled={documents.length === 0 || heldBack}
          >
            {t('results.print.print')}
          </button>
          <Link to={back} className="button button--secondary">
            {t('results.print.back')}
          </Link>
        </div>
        <p className="results-lead">{t('results.print.hint')}</p>
        {certificates && !report.status.final && (
          <div className="notice print-provisional" role="alert">
            <p>
              {t('results.print.provisionalWarning', {
                revealed: report.status.revealed,
                total: report.status.total,
              })}
            </p>
            {printProvisional ? (
              <p>{t('results.print.provisionalMarked')}</p>
            ) : (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setPrintProvisional(true)}
              >
                {t('results.print.printProvisional')}
              </button>
            )}
          </div>
        )}
        {certificates && !report.competition.issuer && (
          <p className="results-lead">{t('results.print.noIssuer')}</p>
        )}
      </div>
      <div className="print-sheets">
        {documents.includes('summary') && <SummaryDocument report={report} head={head} />}
        {documents.includes('judges') &&
          judgesByGroup(report).map(({ judge, group }) => (
            <JudgeDocument key={judge.id} report={report} judge={judge} group={group} head={head} />
          ))}
        {documents.includes('public') && <PublicDocument report={report} head={head} />}
        {documents.includes('combined') && report.competition.combination && (
          <Suspense fallback={null}>
            <combinedDocument.Part competitionId={competitionId} head={groupedHead(head)} />
          </Suspense>
        )}
        {documents.includes('certificates') && !heldBack && (
          <Certificates report={report} provisional={!report.status.final} />
        )}
      </div>
    </div>
  );
}

function DocumentFrame({
  report,
  title,
  head,
  extra,
  signatures,
  children,
}: {
  report: RoundReport;
  title: string;
  head: string;
  extra?: ReactNode;
  signatures: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const { competition, round } = report;
  return (
    <article className="print-doc">
      <header className="print-doc__header">
        <p className="print-doc__competition">{competition.name}</p>
        <h2>
          {round.name} · {title}
          {!report.status.final && t('results.print.provisionalTitle')}
        </h2>
        <p className="print-doc__meta">
          <span>{t('results.meta.date', { date: competition.date ?? t('results.meta.unknown') })}</span>
          <span>{t('results.meta.venue', { venue: competition.venue ?? t('results.meta.unknown') })}</span>
        </p>
        {extra}
      </header>
      {children}
      <section className="print-rules" aria-label={t('results.print.rules')}>
        <h3>{t('results.print.rules')}</h3>
        <ul>
          {rulesInWords(round.settings, round.criteria, t).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <footer className="print-doc__footer">
        {signatures}
        <p className="print-head">{t('results.footer.head', { head: groupedHead(head) })}</p>
      </footer>
    </article>
  );
}

function SignLine({ label }: { label: string }) {
  return (
    <span className="print-sign">
      {label}
      <span className="print-sign__line" />
    </span>
  );
}

// 总成绩, printed only for a competition with a stage combination.
const combinedDocument = lazyPart(['combination'], () =>
  import('./CombinedDocument').then((module) => module.CombinedDocument),
);

function Signatures({ judges }: { judges: number }) {
  const t = useT();
  return (
    <div className="print-signatures">
      <p className="print-signatures__judges">
        <span>{t('results.print.signJudges')}</span>
        {Array.from({ length: Math.max(judges, 1) }, (_, at) => (
          // Blank lines, one per judge: nothing identifies them but their place.
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines are identical and never reorder
          <span key={at} className="print-sign__line print-sign__line--judge" />
        ))}
      </p>
      <p className="print-signatures__staff">
        <SignLine label={t('results.print.signScorer')} />
        <SignLine label={t('results.print.signSupervisor')} />
        <SignLine label={t('results.print.signDate')} />
      </p>
    </div>
  );
}

function SummaryDocument({ report, head }: { report: RoundReport; head: string }) {
  const t = useT();
  const rows = summaryRows(report, t);
  // With rater groups and audience voting: a column per group before the score, the votes after the judges.
  const added = summaryColumns(report, t).filter(
    (column) => column.key.startsWith('group:') || column.key === 'turnout',
  );
  const groupColumns = added.filter((column) => column.key !== 'turnout');
  const turnout = added.find((column) => column.key === 'turnout');
  return (
    <DocumentFrame
      report={report}
      title={t('results.sheet.summary')}
      head={head}
      signatures={<Signatures judges={report.judges.length} />}
    >
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{t('results.col.rank')}</th>
            <th scope="col">{t('results.col.name')}</th>
            <th scope="col">{t('results.col.unit')}</th>
            <th scope="col">{t('results.col.topic')}</th>
            {groupColumns.map((column) => (
              <th key={column.key} scope="col" className="print-number">
                {column.label}
              </th>
            ))}
            <th scope="col" className="print-number">
              {t('results.col.score')}
            </th>
            <th scope="col">{t('results.col.award')}</th>
            <th scope="col" className="print-number">
              {t('results.col.judgesCounted')}
            </th>
            {turnout && (
              <th scope="col" className="print-number">
                {turnout.label}
              </th>
            )}
            <th scope="col">{t('results.col.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.rank}:${row.name}:${row.unit}`}>
              <td>{row.rank}</td>
              <td>{row.name}</td>
              <td className="print-unit">{row.unit}</td>
              <td className="print-topic">{row.topic}</td>
              {groupColumns.map((column) => (
                <td key={column.key} className="print-number">
                  {column.cell(row)}
                </td>
              ))}
              <td className="print-number">{row.score}</td>
              <td className="print-nowrap">{row.award}</td>
              <td className="print-number">{row.judges}</td>
              {turnout && <td className="print-number">{turnout.cell(row)}</td>}
              <td className="print-note">{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </DocumentFrame>
  );
}

function JudgeDocument({
  report,
  judge,
  group,
  head,
}: {
  report: RoundReport;
  judge: JudgeRecord;
  /** The judge's rater group's label; null without groups. */
  group: string | null;
  head: string;
}) {
  const t = useT();
  const criteria = judgeSheetCriteria(report, judge);
  const handSignatures = useHandSignatures(report.round, judge.id);
  return (
    <DocumentFrame
      report={report}
      title={t('results.sheet.judge')}
      head={head}
      extra={
        <p className="print-doc__judge">
          {judge.title
            ? t('results.meta.judgeWithTitle', { name: judge.name, title: judge.title })
            : t('results.meta.judge', { name: judge.name })}
          {group && <span className="print-doc__group">{t('results.col.groupOfJudge', { group })}</span>}
        </p>
      }
      signatures={
        <div className="print-signatures">
          <p className="print-signatures__staff">
            <SignLine label={t('results.print.signJudge')} />
            <SignLine label={t('results.print.signScorer')} />
            <SignLine label={t('results.print.signSupervisor')} />
          </p>
        </div>
      }
    >
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{t('results.col.draw')}</th>
            <th scope="col">{t('results.col.name')}</th>
            <th scope="col">{t('results.col.unit')}</th>
            {criteria.map((criterion) => (
              <th key={criterion.id} scope="col" className="print-number">
                {criterion.label}
                <span className="print-max">
                  {t('results.print.max', { max: formatHundredths(criterion.max) })}
                </span>
              </th>
            ))}
            <th scope="col" className="print-number">
              {t('results.col.total')}
            </th>
            <th scope="col">{t('results.col.counting')}</th>
            {handSignatures && <th scope="col">{t('results.col.handSignature')}</th>}
          </tr>
        </thead>
        <tbody>
          {judgeSheetRows(report, judge).map((row) => (
            <tr
              key={`${row.draw}:${row.name}`}
              className={row.state === 'recused' ? 'print-muted' : undefined}
            >
              <td>{row.draw}</td>
              <td>{row.name}</td>
              <td className="print-unit">{row.unit}</td>
              {row.marks.map((mark, at) => (
                <td key={criteria[at]?.id} className="print-number">
                  {mark}
                </td>
              ))}
              <td className="print-number">
                {row.state === 'droppedHigh' || row.state === 'droppedLow' ? <s>{row.total}</s> : row.total}
              </td>
              <td className="print-nowrap print-note">{t(JUDGE_STATE_KEYS[row.state])}</td>
              {handSignatures && <HandSignatureCell image={handSignatures.get(row.contestantId)} />}
            </tr>
          ))}
        </tbody>
      </table>
      <SignedSheetCodes roundId={report.round.id} judgeId={judge.id} />
    </DocumentFrame>
  );
}

function PublicDocument({ report, head }: { report: RoundReport; head: string }) {
  const t = useT();
  return (
    <DocumentFrame
      report={report}
      title={t('results.sheet.public')}
      head={head}
      signatures={
        <>
          <p className="print-public-note">{t('results.print.publicNote')}</p>
          <Signatures judges={0} />
        </>
      }
    >
      <table className="print-table print-table--public">
        <thead>
          <tr>
            <th scope="col">{t('results.col.rank')}</th>
            <th scope="col">{t('results.col.name')}</th>
            <th scope="col">{t('results.col.unit')}</th>
            <th scope="col" className="print-number">
              {t('results.col.score')}
            </th>
            <th scope="col">{t('results.col.award')}</th>
          </tr>
        </thead>
        <tbody>
          {publicRows(report, t).map((row) => (
            <tr key={`${row.rank}:${row.name}:${row.unit}`}>
              <td>{row.rank}</td>
              <td>{row.name}</td>
              <td>{row.unit}</td>
              <td className="print-number">{row.score}</td>
              <td className="print-nowrap">{row.award}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </DocumentFrame>
  );
}

/** "2026-06-18" as 2026年6月18日. */
function chineseDate(date: string | undefined, t: TFunction): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return '';
  return t('results.certificate.date', {
    year: match[1] ?? '',
    month: Number(match[2]),
    day: Number(match[3]),
  });
}

/**
 * 奖状: one landscape page for every contestant with an award, with the issuer (落款) and the
 * date at the foot; each marked 暂定 when printed before the round's results are final.
 */
function Certificates({ report, provisional }: { report: RoundReport; provisional: boolean }) {
  const t = useT();
  const awarded = (report.standings?.ranked ?? []).filter((result) => result.award !== null);
  if (awarded.length === 0) return <p className="notice print-none">{t('results.print.noAwards')}</p>;
  return (
    <>
      {awarded.map((result) => (
        <article
          key={result.id}
          className="certificate"
          aria-label={t('results.certificate.label', { name: result.name })}
        >
          <div className="certificate__frame">
            {provisional && (
              <p className="certificate__provisional">{t('results.certificate.provisional')}</p>
            )}
            <h2 className="certificate__title">{t('results.certificate.title')}</h2>
            <p className="certificate__name">{t('results.certificate.name', { name: result.name })}</p>
            <p className="certificate__body">
              {t('results.certificate.body', {
                competition: report.competition.name,
                round: report.round.name,
              })}
            </p>
            <p className="certificate__award">{result.award}</p>
            <p className="certificate__closing">{t('results.certificate.closing')}</p>
            {report.competition.issuer && <p className="certificate__issuer">{report.competition.issuer}</p>}
            <p className="certificate__date">{chineseDate(report.competition.date, t)}</p>
          </div>
        </article>
      ))}
    </>
  );
}
