import { useT } from '../../i18n/useT';

export interface RowActionsProps {
  name: string;
  first: boolean;
  last: boolean;
  onEdit: () => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}

/** Edit, move up, move down, delete: each labelled with the person it acts on. */
export function RowActions({ name, first, last, onEdit, onMove, onDelete }: RowActionsProps) {
  const t = useT();
  return (
    <div className="row-actions">
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={onEdit}
        aria-label={t('people.editOf', { name })}
      >
        {t('people.edit')}
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onMove(-1)}
        disabled={first}
        aria-label={t('people.moveUpOf', { name })}
        title={t('people.moveUp')}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onMove(1)}
        disabled={last}
        aria-label={t('people.moveDownOf', { name })}
        title={t('people.moveDown')}
      >
        ↓
      </button>
      <button
        type="button"
        className="button button--danger button--small"
        onClick={onDelete}
        aria-label={t('people.deleteOf', { name })}
      >
        {t('people.delete')}
      </button>
    </div>
  );
}
