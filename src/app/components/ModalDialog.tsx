/**
 * The one modal dialog of every role: a heading and content over a dimmed page. Focus moves in on
 * open (to the first element marked data-autofocus, else the first control), Tab and Shift+Tab
 * cycle inside, Escape cancels, and focus returns to where it was on close. Each role styles its
 * own dialog through `className`; what every dialog shares is in modal.css.
 */

import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import './modal.css';

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** In document order: jsdom lists a selector list's matches selector by selector, browsers do not. */
function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('*')].filter((element) => element.matches(FOCUSABLE));
}

export interface ModalDialogProps {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  className: string;
  /** 'alertdialog' asks before something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  /** The id of the element that says what is asked, read out with the title. */
  describedBy?: string;
}

export function ModalDialog({
  title,
  onCancel,
  children,
  className,
  role = 'dialog',
  describedBy,
}: ModalDialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const returnTo = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    if (dialog) (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(dialog)[0])?.focus();
    return () => returnTo?.focus?.();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = focusableIn(ref.current);
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
    <div className="modal-backdrop">
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: the role is the prop's, dialog or alertdialog */}
      <div
        ref={ref}
        className={className}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
