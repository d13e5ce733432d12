import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import './field.css';

interface FieldFrameProps {
  id: string;
  label: string;
  hideLabel?: boolean;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: ReactNode;
}

/** Label, control, then either the error or the hint. Shared by every field below. */
function FieldFrame({ id, label, hideLabel, hint, error, className, children }: FieldFrameProps) {
  return (
    <div className={['ui-field', error ? 'has-error' : '', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className={hideLabel ? 'ui-visually-hidden' : 'ui-field__label'}>
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-msg`} className="ui-field__error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div id={`${id}-msg`} className="ui-field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

interface CommonFieldProps {
  /** Visible label (always the accessible name). */
  label: string;
  /** Keep the label for screen readers only (e.g. a search box with a placeholder). */
  hideLabel?: boolean;
  /** Help text under the control. */
  hint?: ReactNode;
  /** An error sentence; replaces the hint and marks the control invalid. */
  error?: string | null;
  /** Class on the wrapper. */
  className?: string;
}

export type TextFieldProps = CommonFieldProps & Omit<ComponentPropsWithRef<'input'>, 'className'>;

/** A labelled single-line input. Pass `value`/`onChange` as usual. */
export function TextField({ label, hideLabel, hint, error, className, id, ...input }: TextFieldProps) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <FieldFrame id={fieldId} label={label} hideLabel={hideLabel} hint={hint} error={error} className={className}>
      <input
        id={fieldId}
        className="ui-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${fieldId}-msg` : undefined}
        {...input}
      />
    </FieldFrame>
  );
}

export type TextAreaProps = CommonFieldProps & Omit<ComponentPropsWithRef<'textarea'>, 'className'>;

/** A labelled multi-line input (vertical resize only). */
export function TextArea({ label, hideLabel, hint, error, className, id, rows = 3, ...textarea }: TextAreaProps) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <FieldFrame id={fieldId} label={label} hideLabel={hideLabel} hint={hint} error={error} className={className}>
      <textarea
        id={fieldId}
        rows={rows}
        className="ui-input ui-textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${fieldId}-msg` : undefined}
        {...textarea}
      />
    </FieldFrame>
  );
}

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

export type SelectProps<T extends string> = CommonFieldProps &
  Omit<ComponentPropsWithRef<'select'>, 'className' | 'value' | 'onChange'> & {
    value: T;
    options: readonly SelectOption<T>[];
    /** Called with the chosen option's value. */
    onChange: (value: T) => void;
  };

/** A labelled native select (native, so it behaves like the platform). */
export function Select<T extends string>({ label, hideLabel, hint, error, className, id, value, options, onChange, ...select }: SelectProps<T>) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <FieldFrame id={fieldId} label={label} hideLabel={hideLabel} hint={hint} error={error} className={className}>
      <select
        id={fieldId}
        className="ui-input ui-select"
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
