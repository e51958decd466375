/**
 * What the judges' and the contestants' panels share: one task at a time (add, edit, import),
 * the status line, moving a person one place, deleting after a confirmation, and the names of
 * the others for the duplicate warning.
 */
import { useState } from 'react';
import { deleteContestant, deleteJudge, swapPlaces } from '../../../db/repository';
import type { Id } from '../../../domain/model';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';

export type Editing<P> =
  | { mode: 'none' }
  | { mode: 'add' }
  | { mode: 'edit'; person: P }
  | { mode: 'import' };

interface Person {
  id: Id;
  name: string;
  order: number;
}

const REMOVE = { judges: deleteJudge, contestants: deleteContestant };

export function usePeoplePanel<P extends Person>(
  roundId: Id,
  people: 'judges' | 'contestants',
  list: readonly P[] | undefined,
) {
  const t = useT();
  const db = useDatabase();
  const [editing, setEditing] = useState<Editing<P>>({ mode: 'none' });
  const [status, setStatus] = useState('');
  const [deleting, setDeleting] = useState<P | null>(null);

  return {
    editing,
    status,
    setStatus,
    deleting,
    setDeleting,
    /** A new task: the last one's message would only mislead. */
    begin: (next: Editing<P>) => {
      setStatus('');
      setEditing(next);
    },
    /** The task is over, saying how it ended (nothing when cancelled). */
    finish: (message = '') => {
      if (message) setStatus(message);
      setEditing({ mode: 'none' });
    },
    move: async (index: number, by: -1 | 1) => {
      const a = list?.[index];
      const b = list?.[index + by];
      if (!a || !b) return;
      await swapPlaces(db, roundId, people, a, b);
      setStatus(t('people.moved', { name: a.name, place: index + by + 1 }));
    },
    /** Refused (marks exist): the dialog shows the repository's message and stays open. */
    confirmDelete: async () => {
      if (!deleting) return;
      await REMOVE[people](db, roundId, deleting.id);
      setStatus(t('people.deleted', { name: deleting.name }));
    },
    /** The names of the others on the list: the one being edited may keep its own. */
    otherNames: (except?: P) =>
      new Set((list ?? []).filter((person) => person.id !== except?.id).map((person) => person.name)),
  };
}
