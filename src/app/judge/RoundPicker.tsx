/**
 * 轮次: which of the judge's rounds the desk shows, for a judge who scores in several (初赛 and
 * 决赛). The desk moves on its own when the host calls in another round; this is the judge's
 * own way back and forth.
 */

import type { Id } from '../../domain/model';
import type { RoundRecord } from '../../domain/records';
import { useT } from '../i18n/useT';
import './round-picker.css';

export interface RoundPickerProps {
  rounds: readonly RoundRecord[];
  current: Id;
  onPick: (roundId: Id) => void;
}

export function RoundPicker({ rounds, current, onPick }: RoundPickerProps) {
  const t = useT();
  return (
    <nav className="judge-rounds" aria-label={t('judge.rounds.label')}>
      {rounds.map((round) => (
        <button
          key={round.id}
          type="button"
          className="judge-rounds__round"
          aria-pressed={round.id === current}
          onClick={() => onPick(round.id)}
        >
          {round.name}
        </button>
      ))}
    </nav>
  );
}
