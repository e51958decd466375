/**
 * A modal dialog: a heading, content and buttons over a dimmed page. Focus moves into it on
 * open (to the element marked data-autofocus, else the first button), Tab stays inside, Escape
 * cancels, and focus returns to where it was on close.
 */

import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';

export interface DialogProps {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  className?: string;
}

export function Dialog({ title, onCancel, children, className = '' }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first =
      ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current?.querySelector('button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [
      ...ref.current.querySelectorAll<HTMLElement>('button:not(:disabled), input, textarea'),
    ];
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
    <div className="judge-dialog__backdrop">
      <div
        ref={ref}
        className={`judge-dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
