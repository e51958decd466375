import type { ReactNode } from 'react';

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
  /** One plain line on what choosing it means. */
  explain: string;
  /** Shown under the option while it is chosen (e.g. the k of the trim). */
  extra?: ReactNode;
}

export interface ChoicesProps<T extends string> {
  legend: string;
  name: string;
  value: T;
  options: readonly ChoiceOption<T>[];
  onChange: (value: T) => void;
  error?: string | undefined;
}

/** A group of radio buttons, each with its explanation. */
export function Choices<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
}: ChoicesProps<T>) {
  return (
    <fieldset className="org-choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <div key={option.value} className="org-choice-block">
          <label className="org-choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span>
              <strong>{option.label}</strong>
              <span className="org-hint">{option.explain}</span>
            </span>
          </label>
          {option.value === value && option.extra}
        </div>
      ))}
      {error && <p className="org-error">{error}</p>}
    </fieldset>
  );
}
