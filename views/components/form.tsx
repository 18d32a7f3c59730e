import type { Child } from 'hono/jsx';
import type { FieldErrors, FormValues } from '../../src/lib/form.js';
import { fieldValue } from '../../src/lib/form.js';

export interface FieldProps {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  inputmode?: 'decimal' | 'email' | 'numeric' | 'search' | 'tel' | 'text' | 'url';
  hint?: string;
}

/** The ids a control's aria-describedby names: its error first (read out first), then its hint. */
function describedBy(id: string, error: string | undefined, hint: string | undefined): string | undefined {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The hint and error under a control, outside its <label> so the control's accessible name is just its label. */
function Help({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {error ? (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      ) : null}
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
    </>
  );
}

/**
 * A labelled input that shows the value typed and its error, wired for screen readers: aria-invalid when the
 * value was refused, aria-describedby naming the error and the hint (the hint stays: it says how to fix it).
 */
export function Field(p: FieldProps) {
  const error = p.errors?.[p.name];
  const id = `f-${p.name}`;
  const value = p.type === 'password' ? '' : fieldValue(p.values, p.name);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={value}
        required={p.required}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        inputmode={p.inputmode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, p.hint)}
      />
      <Help id={id} error={error} hint={p.hint} />
    </div>
  );
}

export interface SelectProps {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values?: FormValues;
  errors?: FieldErrors;
  required?: boolean;
  placeholder?: string;
  hint?: string;
}

/** A labelled choice, announced like Field. */
export function Select(p: SelectProps) {
  const error = p.errors?.[p.name];
  const id = `f-${p.name}`;
  const current = fieldValue(p.values, p.name);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, p.hint)}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
      <Help id={id} error={error} hint={p.hint} />
    </div>
  );
}

/** The banner above a form that failed validation, announced when the page arrives (role=alert). */
export function FormErrors(p: { errors?: FieldErrors; message: string }) {
  if (!p.errors || Object.keys(p.errors).length === 0) return null;
  return (
    <div role="alert" class="alert alert-error" id="form-errors">
      <p>{p.message}</p>
      {p.errors._form ? <p>{p.errors._form}</p> : null}
    </div>
  );
}

export function Notice(p: { children?: Child; kind?: 'info' | 'error' }) {
  return (
    <div role={p.kind === 'error' ? 'alert' : 'status'} class={`alert alert-${p.kind ?? 'info'}`}>
      {p.children}
    </div>
  );
}
