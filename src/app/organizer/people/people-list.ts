/**
 * What the judges' and the contestants' panels share: the task open under the header (add, edit,
 * import), the status line that says what the last task did, moving one person a place up or
 * down, and the person whose deletion is being confirmed.
 */
import { useState } from 'react';
import type { Id } from '../../../domain/model';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { swapPlaces } from './reorder';

export type Editing<Person> =
  | { mode: 'none' }
  | { mode: 'add' }
  | { mode: 'edit'; person: Person }
  | { mode: 'import' };

interface Listed {
  id: Id;
  name: string;
  order: number;
}

export interface PeopleListOptions<Person extends Listed> {
  roundId: Id;
  table: 'judges' | 'contestants';
  /** In the list's order; undefined while loading. */
  people: readonly Person[] | undefined;
  /** The write behind 删除; a refusal is shown by the confirmation, which stays open. */
  remove: (person: Person) => Promise<void>;
}

export function usePeopleList<Person extends Listed>({
  roundId,
  table,
  people,
  remove,
}: PeopleListOptions<Person>) {
  const t = useT();
  const db = useDatabase();
  const [editing, setEditing] = useState<Editing<Person>>({ mode: 'none' });
  const [status, setStatus] = useState('');
  const [deleting, setDeleting] = useState<Person | null>(null);

  /** A new task: the last one's message would only mislead. */
  const begin = (next: Editing<Person>) => {
    setStatus('');
    setEditing(next);
  };

  /** The task is done: close it and say what it did. */
  const finish = (message: string) => {
    setStatus(message);
    setEditing({ mode: 'none' });
  };

  const move = async (index: number, by: -1 | 1) => {
    const a = people?.[index];
    const b = people?.[index + by];
    if (!a || !b) return;
    await swapPlaces(db, roundId, table, a, b);
    setStatus(t('people.moved', { name: a.name, place: index + by + 1 }));
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    await remove(deleting);
    setStatus(t('people.deleted', { name: deleting.name }));
  };

  /** The names of everyone else in the list, for the duplicate-name warning. */
  const otherNames = (except?: Person) =>
    new Set((people ?? []).filter((person) => person.id !== except?.id).map((person) => person.name));

  return {
    editing,
    begin,
    finish,
    cancel: () => setEditing({ mode: 'none' }),
    status,
    setStatus,
    deleting,
    setDeleting,
    move,
    confirmDelete,
    otherNames,
  };
}
