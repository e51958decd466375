/**
 * 从 Excel/CSV 导入: choose a file, see its rows, say which row is the header and which column
 * holds what, see every problem on its row, then import all rows in one write or none.
 * The timings of the three steps are left as User Timing measures (leitai:import-*), for the
 * browser's performance panel and the import benchmark.
 */
import { type ChangeEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { importRoster, RepositoryError, type RosterImport } from '../../../db/repository';
import { describeIssue } from '../../../domain/issue-texts';
import { issue } from '../../../domain/issues';
import type { Id } from '../../../domain/model';
import {
  type ColumnMapping,
  columnLetter,
  guessColumns,
  ROSTER_FIELDS,
  type RosterEntry,
  type RosterField,
  type RosterKind,
} from '../../../domain/roster-import';
import { useDatabase } from '../../db-context';
import { saveFile } from '../../files/download';
import { readSpreadsheet, type SheetRead } from '../../files/read-sheet';
import { describeReason, useErrorText } from '../../i18n/error-text';
import { useUiStore } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { type TFunction, useT } from '../../i18n/useT';
import { competitionGroups } from '../people/groups';
import { useCompetitionJudges, useCompetitionRounds, useContestants, useRound } from '../people/queries';
import { columnCount, type Finding, guessHeaderRow, type ImportPlan, planImport } from './plan';
import { RecusalUnitsCheck } from './RecusalUnitsCheck';
import { templateCsv, templateFileName, templateXlsx } from './template';
import './import.css';

export interface ImportPanelProps {
  roundId: Id;
  kind: RosterKind;
  onImported: (count: number) => void;
  onCancel: () => void;
}

type Sheet = Extract<SheetRead, { ok: true }> & { fileName: string };

/** Rows shown in full below this; above it, the first rows and every row with a problem. */
const PREVIEW_ALL_UP_TO = 200;
const PREVIEW_FIRST_ROWS = 100;
const LISTED_FINDINGS = 20;

const FIELD_LABELS: Record<RosterKind, Partial<Record<RosterField, MessageKey>>> = {
  contestants: {
    name: 'people.import.field.name',
    unit: 'people.import.field.contestantUnit',
    topic: 'people.import.field.topic',
    draw: 'people.import.field.draw',
    status: 'people.import.field.status',
    sites: 'people.import.field.sites',
  },
  judges: {
    name: 'people.import.field.name',
    title: 'people.import.field.title',
    unit: 'people.import.field.judgeUnit',
    weight: 'people.import.field.weight',
    group: 'people.import.field.group',
  },
};

const ENCODING_LABELS: Record<Sheet['encoding'], MessageKey> = {
  'utf-8': 'people.import.encoding.utf8',
  gb18030: 'people.import.encoding.gbk',
  xlsx: 'people.import.encoding.xlsx',
};

function measure(name: string, start: number): void {
  performance.measure(`leitai:import-${name}`, { start, end: performance.now() });
}

function readProblemText(read: Exclude<SheetRead, { ok: true }>, t: TFunction, lang: 'zh-CN' | 'en'): string {
  switch (read.problem) {
    case 'unsupportedType':
      return t('people.import.unsupported');
    case 'unreadableWorkbook':
      return t('people.import.unreadable');
    case 'noWorksheet':
      return t('people.import.noWorksheet');
    default:
      return describeIssue(issue(read.problem, '', { line: read.line }), lang);
  }
}

function findingText(finding: Finding, t: TFunction, lang: 'zh-CN' | 'en', kind: RosterKind): string {
  switch (finding.source) {
    case 'sheet':
      return describeIssue(finding.issue, lang);
    case 'drawTaken':
      return t('people.import.drawTaken', {
        row: finding.row,
        column: columnLetter(finding.column),
        draw: finding.draw,
        holder: finding.holder,
      });
    case 'groupUnknown':
      return t(finding.known.length > 0 ? 'people.import.groupUnknown' : 'people.import.groupNone', {
        row: finding.row,
        column: columnLetter(finding.column),
        value: finding.value,
        known: finding.known.join(lang === 'en' ? ', ' : '、'),
      });
    case 'groupAudience':
      return t('people.import.groupAudience', {
        row: finding.row,
        column: columnLetter(finding.column),
        value: finding.value,
      });
    case 'nameExists':
      // A judge of the competition with the same name and unit is assigned, not added again.
      return t(kind === 'judges' ? 'people.import.judgeKnown' : 'people.import.nameExists', {
        row: finding.row,
        column: columnLetter(finding.column),
        name: finding.name,
      });
  }
}

function rosterOf(kind: RosterKind, entries: readonly RosterEntry[]): RosterImport {
  return kind === 'contestants'
    ? {
        contestants: entries.map(({ name, unit, topic, status, draw, sites }) => ({
          name,
          unit,
          topic,
          status,
          draw,
          ...(sites ? { sites } : {}),
        })),
      }
    : {
        judges: entries.map(({ name, title, unit, weight, group }) => ({
          name,
          title,
          unit,
          weight,
          ...(group === null ? {} : { group }),
        })),
      };
}

export function ImportPanel({ roundId, kind, onImported, onCancel }: ImportPanelProps) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const errorText = useErrorText();
  const db = useDatabase();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const contestants = useContestants(roundId);
  const round = useRound(roundId);
  const judges = useCompetitionJudges(round?.competitionId);
  const rounds = useCompetitionRounds(round?.competitionId);
  const groups = useMemo(() => competitionGroups(rounds ?? []), [rounds]);
  const existing = kind === 'contestants' ? contestants : judges;
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [readProblem, setReadProblem] = useState<Exclude<SheetRead, { ok: true }> | null>(null);
  const [reading, setReading] = useState(false);
  const [headerRow, setHeaderRow] = useState<number | null>(0);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [importing, setImporting] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; rows: string[] } | null>(null);
  // The plan whose 回避单位 the organizer ticked: any change of file, header row or mapping
  // makes a new plan, to be checked again.
  const [recusalCheckedPlan, setRecusalCheckedPlan] = useState<ImportPlan | null>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setReading(true);
    setRefusal(null);
    const start = performance.now();
    const read = await readSpreadsheet(file, file.name);
    measure('read', start);
    input.value = '';
    setReading(false);
    if (!read.ok) {
      setSheet(null);
      setReadProblem(read);
      return;
    }
    const header = guessHeaderRow(read.rows, kind);
    setReadProblem(null);
    setSheet({ ...read, fileName: file.name });
    setHeaderRow(header);
    setMapping(guessColumns(read.rows[header] ?? [], kind));
  };

  const plan = useMemo<ImportPlan | null>(() => {
    if (!sheet || !existing) return null;
    const start = performance.now();
    const planned = planImport(sheet.rows, headerRow, mapping, kind, existing, groups);
    measure('plan', start);
    return planned;
  }, [sheet, headerRow, mapping, kind, existing, groups]);

  const changeHeaderRow = (value: string) => {
    const row = value === '' ? null : Number(value);
    setHeaderRow(row);
    if (sheet && row !== null) setMapping(guessColumns(sheet.rows[row] ?? [], kind));
  };

  const recusalUnitColumn =
    kind === 'judges' && plan?.entries.some((entry) => entry.unit !== null) ? mapping.unit : undefined;
  const recusalUnitsChecked = recusalUnitColumn === undefined || recusalCheckedPlan === plan;

  const runImport = async () => {
    if (!plan || plan.entries.length === 0 || !recusalUnitsChecked) return;
    setImporting(true);
    setRefusal(null);
    const start = performance.now();
    try {
      const imported = await importRoster(db, roundId, rosterOf(kind, plan.entries));
      measure('write', start);
      onImported(kind === 'contestants' ? imported.contestants.length : imported.judges.length);
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal({
        message: errorText(error),
        rows: error.rows.map((row) =>
          t('people.import.rowRefused', {
            row: plan.entries[row.index]?.row ?? '?',
            message: describeReason(row.reason, lang),
          }),
        ),
      });
      setImporting(false);
    }
  };

  const download = async (extension: 'xlsx' | 'csv') => {
    const blob = extension === 'csv' ? templateCsv(kind) : await templateXlsx(kind);
    saveFile(blob, templateFileName(kind, extension));
  };

  const kindWord = kind === 'contestants' ? 'Contestants' : 'Judges';
  return (
    <section className="import-panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t(`people.import.heading${kindWord}`)}
      </h3>
      <p className="import-panel__lead">
        {t(`people.import.lead${kindWord}`, { count: existing?.length ?? 0 })}
      </p>
      <div className="import-panel__choose">
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('people.import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={chooseFile}
            aria-describedby={`${id}-file-hint`}
          />
          <p id={`${id}-file-hint`} className="field__hint">
            {t('people.import.fileHint')}
          </p>
        </div>
        <div className="import-panel__templates">
          <span>{t('people.import.template')}</span>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => download('xlsx')}
          >
            {t('people.import.templateXlsx')}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => download('csv')}
          >
            {t('people.import.templateCsv')}
          </button>
        </div>
      </div>
      {reading && <p className="loading">{t('people.import.reading')}</p>}
      {readProblem && (
        <p className="import-panel__problem" role="alert">
          {readProblemText(readProblem, t, lang)}
        </p>
      )}
      {sheet && plan && (
        <Preview
          kind={kind}
          sheet={sheet}
          plan={plan}
          headerRow={headerRow}
          mapping={mapping}
          onHeaderRow={changeHeaderRow}
          onMapping={setMapping}
        />
      )}
      {plan && recusalUnitColumn !== undefined && (
        <RecusalUnitsCheck
          column={recusalUnitColumn}
          header={headerRow === null ? '' : (sheet?.rows[headerRow]?.[recusalUnitColumn] ?? '')}
          entries={plan.entries}
          confirmed={recusalUnitsChecked}
          onConfirm={(checked) => setRecusalCheckedPlan(checked ? plan : null)}
        />
      )}
      {refusal && (
        <div className="import-panel__problem" role="alert">
          <p>{refusal.message}</p>
          <ul>
            {refusal.rows.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="import-panel__actions">
        {plan && (
          <button
            type="button"
            className="button"
            disabled={importing || plan.entries.length === 0 || !recusalUnitsChecked}
            onClick={runImport}
            aria-describedby={recusalUnitsChecked ? undefined : `${id}-recusal-needed`}
          >
            {t(`people.import.submit${kindWord}`, { count: plan.rowCount })}
          </button>
        )}
        {plan && !recusalUnitsChecked && (
          <p id={`${id}-recusal-needed`} className="field__hint">
            {t('people.import.recusal.needed')}
          </p>
        )}
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </section>
  );
}

interface PreviewProps {
  kind: RosterKind;
  sheet: Sheet;
  plan: ImportPlan;
  headerRow: number | null;
  mapping: ColumnMapping;
  onHeaderRow: (value: string) => void;
  onMapping: (mapping: ColumnMapping) => void;
}

function Preview({ kind, sheet, plan, headerRow, mapping, onHeaderRow, onMapping }: PreviewProps) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const id = useId();
  const width = columnCount(sheet.rows);
  const columns = Array.from({ length: width }, (_, column) => column);
  const header = headerRow === null ? [] : (sheet.rows[headerRow] ?? []);
  const sample = (column: number) =>
    header[column] || plan.dataRows.find((row) => (row[column] ?? '') !== '')?.[column] || '';
  const fieldOfColumn = new Map(
    Object.entries(mapping).map(([field, column]) => [column, field as RosterField]),
  );

  const byRow = new Map<number, { finding: Finding; error: boolean }[]>();
  for (const [list, error] of [
    [plan.errors, true],
    [plan.warnings, false],
  ] as const) {
    for (const finding of list) {
      if (finding.row === null) continue;
      byRow.set(finding.row, [...(byRow.get(finding.row) ?? []), { finding, error }]);
    }
  }
  const shown = plan.dataRows
    .map((cells, position) => ({ cells, row: plan.firstDataRow + position }))
    .filter(
      ({ row, cells }, position) =>
        cells.some((text) => text !== '') &&
        (plan.dataRows.length <= PREVIEW_ALL_UP_TO || position < PREVIEW_FIRST_ROWS || byRow.has(row)),
    );

  return (
    <div className="import-preview">
      <p className="import-preview__file">
        {t('people.import.fileSummary', {
          file: sheet.fileName,
          encoding: t(ENCODING_LABELS[sheet.encoding]),
          rows: plan.rowCount,
        })}
      </p>
      <div className="import-preview__options">
        <div className="field">
          <label htmlFor={`${id}-header`}>{t('people.import.headerRow')}</label>
          <select
            id={`${id}-header`}
            value={headerRow ?? ''}
            onChange={(event) => onHeaderRow(event.target.value)}
          >
            <option value="">{t('people.import.noHeaderRow')}</option>
            {sheet.rows.slice(0, 10).map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the row number is what the option names
              <option key={index} value={index}>
                {t('people.import.headerRowOption', {
                  row: index + 1,
                  text: row.filter(Boolean).join(' · ').slice(0, 40),
                })}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="import-preview__mapping">
          <legend>{t('people.import.mapping')}</legend>
          {ROSTER_FIELDS[kind].map((field) => {
            const labelKey = FIELD_LABELS[kind][field];
            if (!labelKey) return null;
            return (
              <div className="field" key={field}>
                <label htmlFor={`${id}-map-${field}`}>{t(labelKey)}</label>
                <select
                  id={`${id}-map-${field}`}
                  value={mapping[field] ?? ''}
                  onChange={(event) => {
                    const next = { ...mapping };
                    if (event.target.value === '') delete next[field];
                    else next[field] = Number(event.target.value);
                    onMapping(next);
                  }}
                >
                  <option value="">{t('people.import.notImported')}</option>
                  {columns.map((column) => (
                    <option key={column} value={column}>
                      {t('people.import.columnOption', {
                        column: columnLetter(column),
                        text: sample(column),
                      })}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      </div>

      {plan.errors.length > 0 && (
        <div className="import-preview__errors" role="alert">
          <h4>{t('people.import.errorsHeading', { count: plan.errors.length })}</h4>
          <FindingList findings={plan.errors} kind={kind} />
        </div>
      )}
      {plan.warnings.length > 0 && (
        <div className="import-preview__warnings">
          <h4>{t('people.import.warningsHeading', { count: plan.warnings.length })}</h4>
          <FindingList findings={plan.warnings} kind={kind} />
        </div>
      )}

      {shown.length < plan.dataRows.length && (
        <p className="field__hint">
          {t('people.import.previewPartial', { shown: shown.length, total: plan.dataRows.length })}
        </p>
      )}
      {/* Focusable, so that a keyboard can scroll a long preview. */}
      <section
        className="import-preview__table-wrap"
        aria-label={t('people.import.previewCaption')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
        tabIndex={0}
      >
        <table className="import-preview__table">
          <caption className="visually-hidden">{t('people.import.previewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.import.rowColumn')}</th>
              {columns.map((column) => {
                const field = fieldOfColumn.get(column);
                const labelKey = field ? FIELD_LABELS[kind][field] : undefined;
                return (
                  <th scope="col" key={column} className={labelKey ? 'import-preview__mapped' : undefined}>
                    <span className="import-preview__letter">{columnLetter(column)}</span>{' '}
                    {header[column] ?? ''}
                    {labelKey && <span className="import-preview__target">→ {t(labelKey)}</span>}
                  </th>
                );
              })}
              <th scope="col">{t('people.import.problemsColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ cells, row }) => {
              const findings = byRow.get(row) ?? [];
              const hasError = findings.some(({ error }) => error);
              return (
                <tr
                  key={row}
                  className={
                    hasError ? 'import-row--error' : findings.length > 0 ? 'import-row--warning' : undefined
                  }
                >
                  <th scope="row">{row}</th>
                  {columns.map((column) => {
                    const flagged = findings.find(({ finding }) => finding.column === column);
                    return (
                      <td
                        key={column}
                        className={
                          flagged
                            ? flagged.error
                              ? 'import-cell--error'
                              : 'import-cell--warning'
                            : undefined
                        }
                      >
                        {cells[column] ?? ''}
                      </td>
                    );
                  })}
                  <td className="import-preview__problems">
                    {findings.map(({ finding, error }) => (
                      <span
                        key={findingText(finding, t, lang, kind)}
                        className={error ? 'import-problem--error' : 'import-problem--warning'}
                      >
                        {findingText(finding, t, lang, kind)}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function FindingList({ findings, kind }: { findings: readonly Finding[]; kind: RosterKind }) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const listed = findings.slice(0, LISTED_FINDINGS);
  return (
    <ul>
      {listed.map((finding, index) => (
        // Findings have no identity of their own; their text and place in the list do.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole on every change
        <li key={index}>{findingText(finding, t, lang, kind)}</li>
      ))}
      {findings.length > listed.length && (
        <li>{t('people.import.moreFindings', { count: findings.length - listed.length })}</li>
      )}
    </ul>
  );
}
