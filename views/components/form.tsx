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

/** A labelled input that shows the value typed and its error, wired for screen readers. */
export function Field(p: FieldProps) {
  const error = p.errors?.[p.name];
  const id = `f-${p.name}`;
  const value = p.type === 'password' ? '' : fieldValue(p.values, p.name);
  const described = error ? `${id}-error` : p.hint ? `${id}-hint` : undefined;
  // The hint and error sit outside the <label>, so the field's accessible name is just its label.
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
        aria-describedby={described}
      />
      {error ? (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      ) : p.hint ? (
        <small id={`${id}-hint`}>{p.hint}</small>
      ) : null}
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
}

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
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

/** The banner above a form that failed validation. */
export function FormErrors(p: { errors?: FieldErrors; message: string }) {
  if (!p.errors || Object.keys(p.errors).length === 0) return null;
  return (
    <div role="alert" class="alert alert-error">
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
