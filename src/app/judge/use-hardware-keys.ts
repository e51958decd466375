/**
 * A tablet with a keyboard cover, or a laptop: digits, the point, Backspace (⌫), Delete (清空)
 * and Enter (确定) do what the on-screen keys do. Keys typed into a text field are left alone,
 * and so is Enter on a focused button (it presses that button).
 */

import { useEffect, useRef } from 'react';
import type { KeypadKey } from '../../db/repository';

function keypadKeyOf(key: string): KeypadKey | null {
  if (/^\d$/.test(key)) return key as KeypadKey;
  if (key === '.' || key === 'Decimal') return '.';
  if (key === 'Backspace') return 'backspace';
  if (key === 'Delete') return 'clear';
  return null;
}

/** Pass null to stop listening (e.g. while a dialog is open). */
export function useHardwareKeys(
  onKey: ((key: KeypadKey) => void) | null,
  onEnter: (() => void) | null,
): void {
  // The latest handlers, without re-subscribing at every render.
  const handlers = useRef({ onKey, onEnter });
  handlers.current = { onKey, onEnter };
  const active = onKey !== null || onEnter !== null;

  useEffect(() => {
    if (!active) return;
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [role="dialog"]')) return;
      const { onKey: keyHandler, onEnter: enterHandler } = handlers.current;
      if (event.key === 'Enter') {
        if (!enterHandler || target?.closest('button, a')) return;
        event.preventDefault();
        enterHandler();
        return;
      }
      const key = keypadKeyOf(event.key);
      if (!key || !keyHandler) return;
      event.preventDefault();
      keyHandler(key);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active]);
}
