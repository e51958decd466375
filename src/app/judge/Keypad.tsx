/**
 * The on-screen numeric keypad: large keys, no system keyboard. Used for the join code and for
 * marks; the caller decides what each key does.
 */

import type { ReactNode } from 'react';
import type { KeypadKey } from '../../db/repository';
import { useT } from '../i18n/useT';

export interface KeypadProps {
  /** Names the keypad for assistive technology, e.g. "分数键盘". */
  label: string;
  onKey: (key: KeypadKey) => void;
  /** Keys that cannot be used now ('.' on a whole-number criterion, every key on a locked sheet). */
  disabled?: readonly KeypadKey[] | 'all';
  /** The tall action key (确定), beside the digits; not with `digitsOnly`. */
  action?: { label: ReactNode; onPress: () => void; disabled?: boolean };
  /** Digits, 清空 and ⌫ only, in a phone's 3 x 4 grid (the join code). */
  digitsOnly?: boolean;
}

export function Keypad({ label, onKey, disabled = [], action, digitsOnly = false }: KeypadProps) {
  const t = useT();
  const isDisabled = (key: KeypadKey) => disabled === 'all' || disabled.includes(key);
  const key = (value: KeypadKey, area: string, text: ReactNode, ariaLabel?: string) => (
    <button
      type="button"
      key={value}
      className={`keypad__key${/\d/.test(value) ? '' : ' keypad__key--edit'}`}
      style={{ gridArea: area }}
      aria-label={ariaLabel}
      disabled={isDisabled(value)}
      onClick={() => onKey(value)}
    >
      {text}
    </button>
  );
  const actionKey = action && (
    <button
      type="button"
      key="action"
      className="keypad__key keypad__key--action"
      style={{ gridArea: 'ok' }}
      disabled={action.disabled || disabled === 'all'}
      onClick={action.onPress}
    >
      {action.label}
    </button>
  );
  const digit = (value: KeypadKey) => key(value, `k${value}`, value);
  const backspace = key('backspace', 'bs', '⌫', t('judge.key.backspace'));
  const clear = key('clear', 'cl', t('judge.key.clear'));
  // Phone order (1 2 3 on top), in reading order so that Tab follows the rows; CSS grid areas
  // place the keys (judge.css).
  const keys = digitsOnly
    ? [
        ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => digit(d as KeypadKey)),
        clear,
        digit('0'),
        backspace,
      ]
    : [
        digit('1'),
        digit('2'),
        digit('3'),
        backspace,
        digit('4'),
        digit('5'),
        digit('6'),
        clear,
        digit('7'),
        digit('8'),
        digit('9'),
        actionKey,
        digit('0'),
        key('.', 'pt', '.', t('judge.key.point')),
      ];
  return (
    <fieldset className={`keypad${digitsOnly ? ' keypad--digits' : ''}`}>
      <legend className="visually-hidden">{label}</legend>
      {keys}
    </fieldset>
  );
}
