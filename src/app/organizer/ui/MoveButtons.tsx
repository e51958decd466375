import { useT } from '../../i18n/useT';

export interface MoveButtonsProps {
  /** What moves, for the buttons' accessible names: 上移“内容”. */
  name: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
}

/** 上移 and 下移 of one entry of an ordered list; the first cannot go up, the last not down. */
export function MoveButtons({ name, first, last, onMove }: MoveButtonsProps) {
  const t = useT();
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        disabled={first}
        onClick={() => onMove(-1)}
        aria-label={t('org.moveUpNamed', { name })}
      >
        {t('org.moveUp')}
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={last}
        onClick={() => onMove(1)}
        aria-label={t('org.moveDownNamed', { name })}
      >
        {t('org.moveDown')}
      </button>
    </>
  );
}
