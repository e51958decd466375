/**
 * 揭晓速度: the host's preference (隆重 / 标准 / 快速), UI state of this console kept across
 * reloads. It reaches the projector in the `stage.view` event of each reveal.
 */

import { create } from 'zustand';
import { CHOSEN_PACES, type ChosenPace } from './reveal-sequence';

const PACE_KEY = 'leitai.revealPace';

function readStoredPace(): ChosenPace {
  try {
    const stored = globalThis.localStorage?.getItem(PACE_KEY);
    if (stored && (CHOSEN_PACES as readonly string[]).includes(stored)) return stored as ChosenPace;
  } catch {
    // Storage can be unavailable (privacy mode): the standard pace.
  }
  return 'standard';
}

export interface RevealPaceState {
  pace: ChosenPace;
  setPace: (pace: ChosenPace) => void;
}

export const useRevealPace = create<RevealPaceState>()((set) => ({
  pace: readStoredPace(),
  setPace: (pace) => {
    try {
      globalThis.localStorage?.setItem(PACE_KEY, pace);
    } catch {
      // Not kept, but this session still uses it.
    }
    set({ pace });
  },
}));
