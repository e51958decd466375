/**
 * The host console's confirmation: a modal that names what is about to happen, with an
 * optional reason field, 取消 as the safe choice, and the refusal of the write shown inside
 * (the dialog stays open). Focus moves in to the field, else to 取消.
 */

import { type ReactNode, useId, useState } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import { useErrorText } from '../i18n/error-text';
import { useT } from '../i18n/useT';

export interface StageDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** A reason the host must (`required`) or may give; passed to `onConfirm`. */
  field?: { label: string; required: boolean };
  onConfirm: (text: string) => Promise<void>;
  onClose: () => void;
}

export function StageDialog({ title, children, confirmLabel, field, onConfirm, onClose }: StageDialogProps) {
  const t = useT();
  const errorText = useErrorText();
  const fieldId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (field?.required && text.trim() === '') {
      setError(t('stage.dialog.required', { field: field.label }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(text.trim());
      onClose();
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <ModalDialog title={title} onCancel={onClose} className="stage-dialog">
      {children}
      {field && (
        <div className="stage-field">
          <label htmlFor={fieldId}>{field.label}</label>
          <textarea
            id={fieldId}
            rows={2}
            data-autofocus
            value={text}
            aria-invalid={error !== null && field.required && text.trim() === ''}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      )}
      {error && (
        <p className="stage-error" role="alert">
          {error}
        </p>
      )}
      <div className="stage-dialog__actions">
        <button type="button" className="button stage-big" disabled={busy} onClick={confirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary stage-big" data-autofocus onClick={onClose}>
          {t('stage.dialog.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
