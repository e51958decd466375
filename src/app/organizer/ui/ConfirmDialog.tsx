import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The write; a refusal is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** Offered once the write is refused, e.g. 改为归档 when a competition cannot be deleted. */
  instead?: { label: string; run: () => Promise<void> };
}

/**
 * Asks before something that cannot be undone. Focus starts on 取消 (the safe choice), Escape
 * closes, and focus returns to where it was.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  instead,
}: ConfirmDialogProps) {
  const t = useT();
  const errorText = useErrorText();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const returnTo = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => returnTo?.focus?.();
  }, []);

  const run = async (write: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
      onClose();
    } catch (refused) {
      setError(errorText(refused));
      setBusy(false);
    }
  };

  return (
    <div className="org-dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="org-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        {error && (
          <p className="org-error" role="alert">
            {error}
          </p>
        )}
        <div className="org-actions">
          <button type="button" className="button button--secondary" ref={cancelRef} onClick={onClose}>
            {t(error ? 'org.close' : 'org.cancel')}
          </button>
          {!error && (
            <button type="button" className="button" disabled={busy} onClick={() => run(onConfirm)}>
              {confirmLabel}
            </button>
          )}
          {error && instead && (
            <button type="button" className="button" disabled={busy} onClick={() => run(instead.run)}>
              {instead.label}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
