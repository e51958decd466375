import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'> {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** Shown beside the field, in red, naming what is wrong. */
  error?: string | null | undefined;
  /** One plain line on what the field means. */
  hint?: ReactNode;
}

/** A labelled text input with its explanation and its error message, both tied to it for screen readers. */
export function TextField({ label, value, onChange, error, hint, className, ...input }: TextFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`org-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="org-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="org-error">
          {error}
        </p>
      )}
    </div>
  );
}
