/**
 * What the judge's and the contestant's forms share: the fields as typed, each field's problem
 * shown once the form was first submitted, focus on the first field in trouble, then one write
 * whose refusal the form shows while it stays open.
 */
import { type FormEvent, useId, useState } from 'react';
import { RepositoryError } from '../../../db/repository';
import { useT } from '../../i18n/useT';
import type { Problem } from './checks';

export interface PersonFormOptions<Field extends string, Saved> {
  /** The fields in the form's order: the first one with a problem takes the focus. */
  initial: Record<Field, string>;
  problems: (values: Record<Field, string>) => Partial<Record<Field, Problem>>;
  save: (values: Record<Field, string>) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
}

export function usePersonForm<Field extends string, Saved>({
  initial,
  problems,
  save,
  onSaved,
}: PersonFormOptions<Field, Saved>) {
  const t = useT();
  const id = useId();
  const [values, setValues] = useState(initial);
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const found: Partial<Record<Field, Problem>> = checked ? problems(values) : {};
  const say = (problem: Problem | null | undefined) => (problem ? t(problem.key, problem.params) : null);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    setRefusal(null);
    const now = problems(values);
    const firstBad = (Object.keys(initial) as Field[]).find((field) => now[field]);
    if (firstBad) {
      document.getElementById(`${id}-${firstBad}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      onSaved(await save(values));
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(error.message);
      setSaving(false);
    }
  };

  return { id, values, found, say, set, submit, saving, refusal };
}
