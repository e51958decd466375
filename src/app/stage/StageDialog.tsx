/**
 * The host console's confirmation: a modal that names what is about to happen, with an
 * optional reason field, 取消 as the safe choice, and the refusal of the write shown inside
 * (the dialog stays open). Focus moves in (to the field, else 取消), Tab stays inside, Escape
 * cancels, and focus returns where it was.
 */

import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
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
  const titleId = useId();
  const fieldId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('textarea, [data-autofocus]')?.focus();
    return () => previous?.focus?.();
  }, []);

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

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>('button:not(:disabled), textarea')];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div className="stage-dialog__backdrop">
      <div
        ref={ref}
        className="stage-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {field && (
          <div className="stage-field">
            <label htmlFor={fieldId}>{field.label}</label>
            <textarea
              id={fieldId}
              rows={2}
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
          <button
            type="button"
            className="button button--secondary stage-big"
            data-autofocus
            onClick={onClose}
          >
            {t('stage.dialog.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
