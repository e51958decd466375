/** 提交: the whole sheet and its total, one last look before the sheet is locked. */

import type { ReactNode } from 'react';
import { formatHundredths } from '../../domain/decimal';
import type { ContestantRecord } from '../../domain/records';
import { ModalDialog } from '../components/ModalDialog';
import { useT } from '../i18n/useT';
import type { CellView, SheetTotal } from './sheet-view';

export interface SubmitDialogProps {
  contestant: ContestantRecord;
  cells: readonly CellView[];
  total: SheetTotal;
  /** False where WebCrypto is missing (plain http): the sheet goes unsigned, and the judge is told. */
  signable: boolean;
  /** 手写签名, where the round asks for it: the pad, and whether something is drawn yet. */
  handSignature?: { pad: ReactNode; drawn: boolean };
  onConfirm: () => void;
  onCancel: () => void;
}

export function SubmitDialog({
  contestant,
  cells,
  total,
  signable,
  handSignature,
  onConfirm,
  onCancel,
}: SubmitDialogProps) {
  const t = useT();
  return (
    <ModalDialog
      title={t('judge.submit.title', { draw: contestant.draw ?? '—', name: contestant.name })}
      onCancel={onCancel}
      className="judge-dialog judge-dialog--submit"
    >
      <table className="judge-review">
        <thead>
          <tr>
            <th scope="col">{t('judge.submit.criterion')}</th>
            <th scope="col">{t('judge.submit.mark')}</th>
            <th scope="col">{t('judge.submit.max')}</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={cell.criterion.id}>
              <th scope="row">{cell.criterion.label}</th>
              <td className="judge-review__mark">{cell.text}</td>
              <td>{t('judge.submit.maxValue', { max: formatHundredths(cell.criterion.max) })}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('judge.total.label')}</th>
            <td className="judge-review__mark">
              {total.rounded ? '≈ ' : ''}
              {total.text}
            </td>
            <td>{t('judge.submit.maxValue', { max: total.fullText })}</td>
          </tr>
        </tfoot>
      </table>
      <p>{t('judge.submit.warning')}</p>
      {!signable && (
        <p className="judge-dialog__unsigned" role="alert">
          {t('judge.submit.unsigned')}
        </p>
      )}
      {handSignature?.pad}
      <div className="judge-dialog__actions">
        <button
          type="button"
          className="button judge-big-button"
          onClick={onConfirm}
          disabled={handSignature !== undefined && !handSignature.drawn}
        >
          {t('judge.submit.confirm')}
        </button>
        <button type="button" className="button button--secondary judge-big-button" onClick={onCancel}>
          {t('judge.submit.back')}
        </button>
      </div>
    </ModalDialog>
  );
}
