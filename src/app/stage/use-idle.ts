/**
 * Whether the person at the projector's computer has moved the mouse or pressed a key lately: the
 * projector's controls (全屏) show then and hide again after `IDLE_MS` of stillness, so the
 * audience sees nothing but the screen's content.
 */

import { useEffect, useState } from 'react';

export const IDLE_MS = 3000;

const WAKE_EVENTS = ['mousemove', 'pointerdown', 'keydown', 'touchstart'] as const;

export function useIdle(idleMs = IDLE_MS): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = setTimeout(() => setIdle(true), idleMs);
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), idleMs);
    };
    for (const type of WAKE_EVENTS) window.addEventListener(type, wake, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of WAKE_EVENTS) window.removeEventListener(type, wake);
    };
  }, [idleMs]);
  return idle;
}
