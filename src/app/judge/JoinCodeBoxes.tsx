/**
 * The join code as typed so far: one box per digit, in two groups of four as on the judge card
 * ("1234 5678"), so that a judge copying eight digits sees where they are.
 */

import { JOIN_CODE_LENGTH } from '../../domain/join-code';
import { useT } from '../i18n/useT';

// The positions of the digits, in two groups of four: the boxes are places, not items.
const POSITIONS = Array.from({ length: JOIN_CODE_LENGTH }, (_, position) => position);
const GROUPS = [POSITIONS.slice(0, JOIN_CODE_LENGTH / 2), POSITIONS.slice(JOIN_CODE_LENGTH / 2)];

export function JoinCodeBoxes({ code, labelledBy }: { code: string; labelledBy: string }) {
  const t = useT();
  return (
    <output className="judge-join__code" aria-labelledby={labelledBy}>
      {GROUPS.map((group) => (
        <span key={group[0]} className="judge-join__group" aria-hidden="true">
          {group.map((position) => (
            <span key={position} className="judge-join__digit">
              {code[position] ?? ''}
            </span>
          ))}
        </span>
      ))}
      <span className="visually-hidden">
        {code === '' ? t('judge.join.empty') : code.split('').join(' ')}
      </span>
    </output>
  );
}
