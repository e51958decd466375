/**
 * One criterion of the sheet: its label, 满分 and step always in view, the value, whether it is
 * saved, quick steppers, and the error beside it, in words that say what is wrong.
 */

import { useId } from 'react';
import type { DraftCheck } from '../../db/repository';
import { formatHundredths } from '../../domain/decimal';
import type { MessageKey } from '../i18n/messages';
import { type TFunction, useT } from '../i18n/useT';
import type { CellView } from './sheet-view';

export type CriterionError = Pick<Extract<DraftCheck, { ok: false }>, 'code' | 'params'>;

const ERROR_MESSAGE: Record<CriterionError['code'], MessageKey> = {
  empty: 'judge.error.empty',
  markAboveMax: 'judge.error.aboveMax',
  markOffStep: 'judge.error.offStep',
  markNegative: 'judge.error.negative',
  tooManyDecimals: 'judge.error.tooManyDecimals',
  notANumber: 'judge.error.notANumber',
  tooLarge: 'judge.error.aboveMax',
};

function describeCriterionError(t: TFunction, cell: CellView, error: CriterionError): string {
  return t(ERROR_MESSAGE[error.code], {
    max: formatHundredths(cell.criterion.max),
    step: formatHundredths(cell.criterion.step),
  });
}

export interface CriterionRowProps {
  cell: CellView;
  active: boolean;
  locked: boolean;
  error: CriterionError | null;
  onSelect: () => void;
  onStep: (direction: 1 | -1) => void;
}

export function CriterionRow({ cell, active, locked, error, onSelect, onStep }: CriterionRowProps) {
  const t = useT();
  const errorId = useId();
  const { criterion } = cell;
  const max = formatHundredths(criterion.max);
  const step = formatHundredths(criterion.step);
  // Each part stays on one line: a narrow phone breaks between them, never inside one.
  const metaParts = [t('judge.criterion.max', { max }), t('judge.criterion.step', { step })];
  if (criterion.points !== criterion.max) {
    metaParts.push(t('judge.criterion.points', { points: formatHundredths(criterion.points) }));
  }
  const saved = !cell.isDraft && cell.mark?.value != null;
  const state = cell.isDraft ? t('judge.criterion.draft') : saved ? t('judge.criterion.saved') : '';
  const value = cell.text === '' ? t('judge.criterion.noValue') : cell.text;
  const content = (
    <>
      <span className="crit__label">{criterion.label}</span>
      <span className="crit__meta">
        {metaParts.map((part, index) => (
          <span key={part}>
            {index > 0 && ' · '}
            <span className="crit__meta-part">{part}</span>
          </span>
        ))}
      </span>
      <span className={`crit__value${cell.text === '' ? ' crit__value--empty' : ''}`}>
        {cell.text || '—'}
      </span>
      <span className={`crit__state${saved ? ' crit__state--saved' : ''}`}>{state}</span>
    </>
  );
  const classes = ['crit', active && 'crit--active', error && 'crit--error', cell.isDraft && 'crit--draft']
    .filter(Boolean)
    .join(' ');

  if (locked) {
    return (
      <li className={classes}>
        <div className="crit__main">{content}</div>
      </li>
    );
  }
  const base = cell.value;
  return (
    <li className={classes}>
      <button
        type="button"
        className="crit__main"
        aria-pressed={active}
        aria-label={t('judge.criterion.a11y', { label: criterion.label, value })}
        aria-describedby={error ? errorId : undefined}
        onClick={onSelect}
      >
        {content}
      </button>
      <div className="crit__steppers">
        <button
          type="button"
          className="crit__step"
          aria-label={t('judge.criterion.down', { label: criterion.label, step })}
          disabled={base === null || base - criterion.step < 0}
          onClick={() => onStep(-1)}
        >
          −
        </button>
        <button
          type="button"
          className="crit__step"
          aria-label={t('judge.criterion.up', { label: criterion.label, step })}
          disabled={base === null || base + criterion.step > criterion.max}
          onClick={() => onStep(1)}
        >
          +
        </button>
      </div>
      {error && (
        <p id={errorId} className="crit__error">
          {describeCriterionError(t, cell, error)}
        </p>
      )}
    </li>
  );
}
