import { type ReactNode, useId, useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
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

/** Asks before something that cannot be undone. Focus starts on 取消, the safe choice. */
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
  const bodyId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
    <ModalDialog
      title={title}
      onCancel={onClose}
      className="org-dialog"
      role="alertdialog"
      describedBy={bodyId}
    >
      <div id={bodyId}>{children}</div>
      {error && (
        <p className="org-error" role="alert">
          {error}
        </p>
      )}
      <div className="org-actions">
        <button type="button" className="button button--secondary" data-autofocus onClick={onClose}>
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
    </ModalDialog>
  );
}
