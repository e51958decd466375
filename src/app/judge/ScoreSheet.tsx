/**
 * One contestant's score sheet (评分表) for this judge: every criterion in view, a keypad, the
 * running total, 提交 and, once submitted, the lock and 申请修改.
 *
 * Saving: each key goes to the cell's draft in IndexedDB at once (src/db/drafts.ts); a value
 * becomes a mark when confirmed (确定, another criterion, a stepper, 提交). The screen never
 * keeps its own copy: what it shows is what the live queries read back, so "已保存在本机"
 * appears only once the mark's transaction has committed.
 */

import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import {
  availableSubtle,
  type CommitResult,
  commitDraft,
  commitSheetDrafts,
  type DraftRow,
  type KeypadKey,
  type MarkCell,
  marksOfSheet,
  pressKey,
  stepMark,
} from '../../db/repository';
import type { CorrectionRow, MarkRow, SheetRow } from '../../domain/events';
import type { Criterion, Id } from '../../domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import { useT } from '../i18n/useT';
import { lazyPart, preloadWhenIdle } from '../pwa/lazy-part';
import { type CriterionError, CriterionRow } from './CriterionRow';
import { rememberedHandSignature, rememberHandSignature } from './hand-signature-memory';
import { Keypad } from './Keypad';
import { LockIcon } from './LockIcon';
import { PersonName } from './PersonName';
import { type CellView, cellViews, sheetTotal } from './sheet-view';
import { submitJudgeSheet } from './signing';
import { useHardwareKeys } from './use-hardware-keys';
import { useMoreBelow } from './use-more-below';

// 申请修改 is there only once a sheet is submitted: its panel (and the request's write) loads
// after the sheet shows, outside the judge page's initial JavaScript (test/budgets).
const correctionPanel = lazyPart([], () =>
  import('./CorrectionPanel').then((module) => module.CorrectionPanel),
);

// 提交's last look (and whether the tablet can sign) loads after the sheet shows, like the panel.
const submitDialog = lazyPart([], () => import('./SubmitDialog').then((module) => module.SubmitDialog));

export interface ScoreSheetProps {
  judge: JudgeRecord;
  round: RoundRecord;
  /** The criteria this judge marks: the sheet's, or their group's alone (src/domain/groups.ts). */
  criteria: readonly Criterion[];
  contestant: ContestantRecord;
  sheet: SheetRow | undefined;
  marks: MarkRow[];
  drafts: DraftRow[];
  correction: CorrectionRow | undefined;
  /** Back to the contestant list, on a screen too narrow to show it beside the sheet. */
  onShowList: () => void;
}

// 手写签名 only in a round that asks for it: signature_pad loads with the submit dialog's pad.
const handSignaturePad = lazyPart([], () =>
  import('./HandSignaturePad').then((module) => module.HandSignaturePad),
);

/** Where the keypad starts: a half-typed cell, else the first empty one, else the first. */
function initialCriterion(cells: readonly CellView[]): Id | null {
  const start = cells.find((cell) => cell.isDraft) ?? cells.find((cell) => cell.value === null) ?? cells[0];
  return start?.criterion.id ?? null;
}

function errorOf(cell: CellView, missingShown: ReadonlySet<Id>): CriterionError | null {
  if (cell.check && !cell.check.ok && cell.check.code !== 'empty') return cell.check;
  if (cell.value === null && missingShown.has(cell.criterion.id)) {
    return { code: 'empty', params: {} };
  }
  return null;
}

export function ScoreSheet({
  judge,
  round,
  criteria,
  contestant,
  sheet,
  marks,
  drafts,
  correction,
  onShowList,
}: ScoreSheetProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  // Loaded while the judge scores, so that the dialog and the lock show at once on 提交.
  useEffect(() => {
    preloadWhenIdle(correctionPanel, submitDialog);
  }, []);
  // The pad too, in a round that asks for it: the judge may be offline when submitting.
  useEffect(() => {
    if (round.handSignature) preloadWhenIdle(handSignaturePad);
  }, [round.handSignature]);
  const cells = cellViews(criteria, marks, drafts);
  const [active, setActive] = useState<Id | null>(() => initialCriterion(cells));
  const [missingShown, setMissingShown] = useState<ReadonlySet<Id>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [handDrawing, setHandDrawing] = useState<Uint8Array | null>(null);
  const onHandDrawing = useCallback((png: Uint8Array | null) => setHandDrawing(png), []);
  // Drawn once this session already (perSession): it goes with the sheet, no pad shown.
  const remembered = round.handSignature === 'perSession' ? rememberedHandSignature(judge.id) : null;
  const submitRef = useRef<HTMLButtonElement>(null);
  const criteriaRef = useRef<HTMLOListElement>(null);
  const moreBelow = useMoreBelow(criteriaRef);
  // Writes run one after the other, in the order the judge pressed: a 确定 right after a digit
  // commits that digit.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const locked = sheet?.status === 'submitted';
  const ref = { roundId: round.id, judgeId: judge.id, contestantId: contestant.id };
  const cellOf = (criterionId: Id): MarkCell => ({ ...ref, criterionId });
  const activeCell = cells.find((cell) => cell.criterion.id === active) ?? null;
  const total = sheetTotal(cells, round.settings);

  // Writes still queued: while there are any, the cells on screen may lag the keys pressed.
  const pendingWrites = useRef(0);
  const run = (work: () => Promise<unknown>) => {
    pendingWrites.current++;
    queue.current = queue.current
      .then(work)
      .catch((caught: unknown) => {
        setFailure(errorText(caught));
      })
      .finally(() => {
        pendingWrites.current--;
      });
  };

  const flagMissing = (criterionId: Id) => setMissingShown((shown) => new Set(shown).add(criterionId));

  // The keypad's target changes at once, in the tap's own handler: a digit tapped right after
  // 确定 goes to the next criterion even while the commit is still being written.
  const activeRef = useRef(active);
  const moveTo = (criterionId: Id) => {
    activeRef.current = criterionId;
    setActive(criterionId);
  };

  const select = (criterionId: Id) => {
    const leaving = activeRef.current;
    if (leaving && leaving !== criterionId) run(() => commitDraft(db, cellOf(leaving)));
    moveTo(criterionId);
  };

  const type = (key: KeypadKey) => {
    const criterionId = activeRef.current;
    if (locked || !criterionId) return;
    setFailure(null);
    run(() => pressKey(db, cellOf(criterionId), key));
  };

  /** The keypad's next stop after `criterionId`: the next criterion, else 提交. */
  const advanceFrom = (criterionId: Id) => {
    const index = criteria.findIndex((criterion) => criterion.id === criterionId);
    const next = criteria[index + 1];
    if (next) moveTo(next.id);
    else submitRef.current?.focus();
  };

  /** Whether a commit left a mark in the cell; if not, the row says the criterion is missing. */
  const flagUnlessMarked = (criterionId: Id, result: CommitResult): boolean => {
    const empty = result.status === 'invalid' ? result.check.code === 'empty' : result.mark?.value == null;
    if (empty) flagMissing(criterionId);
    return result.status !== 'invalid' && !empty;
  };

  const confirm = () => {
    const criterionId = activeRef.current;
    if (locked || !criterionId) return;
    setFailure(null);
    const shown = cells.find((cell) => cell.criterion.id === criterionId);
    if (pendingWrites.current === 0 && shown?.value === null) {
      // The screen shows no mark, but a digit written a moment ago may not be on it yet: the
      // database decides. Stay on the criterion unless the commit leaves a mark there.
      run(async () => {
        const result = await commitDraft(db, cellOf(criterionId));
        if (flagUnlessMarked(criterionId, result) && activeRef.current === criterionId) {
          advanceFrom(criterionId);
        }
      });
      return;
    }
    // Keys are on their way or a mark is shown: move on at once, so that a digit tapped right
    // after goes to the next criterion; the commit follows in the queue.
    advanceFrom(criterionId);
    run(async () => flagUnlessMarked(criterionId, await commitDraft(db, cellOf(criterionId))));
  };

  const step = (criterionId: Id, direction: 1 | -1) => {
    if (locked) return;
    setFailure(null);
    select(criterionId);
    run(() => stepMark(db, cellOf(criterionId), direction));
  };

  const startSubmit = () => {
    setFailure(null);
    run(async () => {
      const invalid = await commitSheetDrafts(db, ref);
      const saved = await marksOfSheet(db, ref.roundId, ref.judgeId, ref.contestantId);
      const marked = new Set(saved.filter((mark) => mark.value !== null).map((mark) => mark.criterionId));
      const problems = criteria.filter((criterion) => invalid.has(criterion.id) || !marked.has(criterion.id));
      if (problems.length > 0) {
        setMissingShown(new Set(problems.map((criterion) => criterion.id)));
        setFailure(t('judge.submit.incomplete', { count: problems.length }));
        const first = problems[0];
        if (first) moveTo(first.id);
        return;
      }
      setConfirming(true);
    });
  };

  const submit = () => {
    run(async () => {
      await submitJudgeSheet(db, ref, handDrawing ?? remembered);
      if (round.handSignature === 'perSession' && handDrawing) rememberHandSignature(judge.id, handDrawing);
      setHandDrawing(null);
      setConfirming(false);
      setMissingShown(new Set());
    });
  };

  useHardwareKeys(locked || confirming ? null : type, locked || confirming ? null : confirm);

  // The keypad's criterion is always in view, also in a long sheet's scrolling list (确定 moves on).
  useEffect(() => {
    if (active === null) return;
    const row = criteriaRef.current?.querySelector('.crit--active');
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const decimalsAllowed = activeCell ? activeCell.criterion.step % 100 !== 0 : false;
  const draftCells = cells.filter((cell) => cell.isDraft);
  let saveStatus: string;
  const pending = !locked && draftCells.length > 0;
  if (locked) saveStatus = t('judge.sheet.lockedStatus');
  else if (activeCell?.isDraft) saveStatus = t('judge.sheet.typing');
  else if (draftCells.length > 0) saveStatus = t('judge.sheet.unconfirmed', { count: draftCells.length });
  else if (cells.some((cell) => cell.mark?.value != null)) saveStatus = t('judge.sheet.saved');
  else saveStatus = t('judge.sheet.nothingYet');

  return (
    <section
      className={`judge-sheet${locked ? ' judge-sheet--locked' : ''}`}
      aria-labelledby="judge-sheet-title"
      data-ready="true"
    >
      <div className="judge-sheet__main">
        <header className="judge-sheet__header">
          <button
            type="button"
            className="button button--secondary judge-sheet__to-list"
            onClick={onShowList}
          >
            {t('judge.sheet.toList')}
          </button>
          <h2 id="judge-sheet-title">
            {locked && <LockIcon />}
            <span className="judge-sheet__number">
              {t('judge.contestant.draw', { draw: contestant.draw ?? '—' })}
            </span>{' '}
            <PersonName name={contestant.name} />
          </h2>
          <p className="judge-sheet__who">
            {[contestant.unit, contestant.topic].filter(Boolean).join(' · ')}
          </p>
        </header>
        {sheet?.status === 'reopened' && (
          <p className="judge-notice">
            {correction?.decision?.reason
              ? t('judge.correction.approvedWithReason', { reason: correction.decision.reason })
              : t('judge.correction.approved')}
          </p>
        )}
        <div
          className="judge-criteria-box"
          data-more-below={moreBelow ? t('judge.sheet.moreBelow') : undefined}
        >
          <ol className="judge-criteria" ref={criteriaRef}>
            {cells.map((cell) => (
              <CriterionRow
                key={cell.criterion.id}
                cell={cell}
                active={!locked && cell.criterion.id === active}
                locked={locked}
                error={locked ? null : errorOf(cell, missingShown)}
                onSelect={() => select(cell.criterion.id)}
                onStep={(direction) => step(cell.criterion.id, direction)}
              />
            ))}
          </ol>
        </div>
        {failure && (
          <p className="judge-error" role="alert">
            {failure}
          </p>
        )}
      </div>
      <div className="judge-sheet__side">
        <div className="judge-sheet__footer">
          <p className="judge-total">
            <span className="judge-total__label">{t('judge.total.label')}</span>
            <output className="judge-total__value" aria-live="off">
              {total.rounded ? '≈ ' : ''}
              {total.text}
            </output>
            <span className="judge-total__of">
              {t('judge.total.of', { full: total.fullText, filled: total.filled, count: cells.length })}
            </span>
          </p>
          <p className={`judge-save${pending ? ' judge-save--pending' : ''}`} role="status">
            {saveStatus}
          </p>
        </div>
        {locked ? (
          <Suspense fallback={null}>
            <correctionPanel.Part sheet={ref} correction={correction} />
          </Suspense>
        ) : (
          <>
            <p className="judge-keypad__target" aria-live="polite">
              {activeCell ? (
                <>
                  <span className="judge-keypad__lead">{t('judge.keypad.target')}</span>
                  <strong className="judge-keypad__label">{activeCell.criterion.label}</strong>
                </>
              ) : (
                t('judge.keypad.noTarget')
              )}
            </p>
            <Keypad
              label={t('judge.keypad.label')}
              onKey={type}
              disabled={activeCell ? (decimalsAllowed ? [] : ['.']) : 'all'}
              action={{
                label: (
                  <>
                    {t('judge.key.confirm')}
                    <small>{t('judge.key.confirmHint')}</small>
                  </>
                ),
                onPress: confirm,
              }}
            />
            <button type="button" ref={submitRef} className="button judge-submit" onClick={startSubmit}>
              {t('judge.submit.button')}
            </button>
          </>
        )}
      </div>
      {confirming && (
        <submitDialog.Part
          contestant={contestant}
          cells={cells}
          total={total}
          signable={availableSubtle() !== null}
          handSignature={
            round.handSignature && remembered === null
              ? {
                  pad: (
                    <Suspense fallback={null}>
                      <handSignaturePad.Part onChange={onHandDrawing} />
                    </Suspense>
                  ),
                  drawn: handDrawing !== null,
                }
              : undefined
          }
          onConfirm={submit}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
