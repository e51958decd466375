/**
 * What the judges' and the contestants' forms share: text fields checked beside themselves once
 * the form is first submitted, the first wrong one focused, one write, and the repository's
 * refusal on one line under the fields.
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { RepositoryError } from '../../../db/repository';
import { useErrorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import type { Problem } from './checks';
import { Field, type FieldProps } from './Field';

export interface PersonForm<F extends string> {
  /** Prefix of the form's element ids: the field `name` is `${id}-name`. */
  id: string;
  values: Record<F, string>;
  /** The fields' problems, shown once the form has been submitted. */
  found: Partial<Record<F, Problem>>;
  say: (problem: Problem | null | undefined) => string | null;
  set: (field: F) => (event: { target: { value: string } }) => void;
  submit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  saving: boolean;
  refusal: string | null;
}

/**
 * The form's state. `check` finds the problems of the values; `save` writes them (the fields
 * are checked in the order of `initial`'s keys, and the first wrong one takes the focus).
 */
export function usePersonForm<F extends string>(
  initial: Record<F, string>,
  check: (values: Record<F, string>) => Partial<Record<F, Problem>>,
  /** `opened`: the values the form opened with, so that an edit sends only what changed since. */
  save: (values: Record<F, string>, opened: Record<F, string>) => Promise<void>,
): PersonForm<F> {
  const t = useT();
  const errorText = useErrorText();
  const id = useId();
  const [opened] = useState(initial);
  const [values, setValues] = useState(opened);
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    setRefusal(null);
    const now = check(values);
    const firstBad = (Object.keys(initial) as F[]).find((field) => now[field]);
    if (firstBad) {
      document.getElementById(`${id}-${firstBad}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      await save(values, opened);
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(errorText(error));
      setSaving(false);
    }
  };

  return {
    id,
    values,
    found: checked ? check(values) : {},
    say: (problem) => (problem ? t(problem.key, problem.params) : null),
    set: (field) => (event) => setValues((current) => ({ ...current, [field]: event.target.value })),
    submit,
    saving,
    refusal,
  };
}

/** The form around the fields: its heading, the refusal, save and cancel. */
export function PersonFormShell<F extends string>({
  form,
  heading,
  onCancel,
  children,
}: {
  form: PersonForm<F>;
  heading: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <form className="person-form" onSubmit={form.submit} noValidate aria-labelledby={`${form.id}-heading`}>
      <h3 id={`${form.id}-heading`}>{heading}</h3>
      {children}
      {form.refusal && (
        <p className="person-form__refusal" role="alert">
          {form.refusal}
        </p>
      )}
      <div className="person-form__actions">
        <button type="submit" className="button" disabled={form.saving}>
          {t('people.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}

// `form` is the input's HTML attribute too: here it is the form's state.
type BoundProps = 'id' | 'value' | 'onChange' | 'error' | 'autoComplete' | 'form';

/** One text field of the form, bound to its value and its problem. */
export function PersonField<F extends string>({
  form,
  field,
  ...rest
}: { form: PersonForm<F>; field: F } & Omit<FieldProps, BoundProps>) {
  return (
    <Field
      id={`${form.id}-${field}`}
      value={form.values[field]}
      onChange={form.set(field)}
      autoComplete="off"
      error={form.say(form.found[field])}
      {...rest}
    />
  );
}

/** The name, required, with a warning when another person of the list has it already. */
export function NameField<F extends string>({
  form,
  otherNames,
  duplicateWarning,
}: {
  form: PersonForm<F | 'name'>;
  otherNames: ReadonlySet<string>;
  duplicateWarning: MessageKey;
}) {
  const t = useT();
  const duplicate = otherNames.has(form.values.name.trim());
  return (
    <PersonField
      form={form}
      field="name"
      label={t('people.field.name')}
      required
      warning={duplicate ? t(duplicateWarning) : null}
    />
  );
}
