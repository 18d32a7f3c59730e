import type { FieldErrors, FormValues } from '../../src/lib/form.js';
import { fieldValue } from '../../src/lib/form.js';
import { Field, type FieldProps, Select, type SelectProps } from './form.js';

type Bound<T> = Omit<T, 'values' | 'errors'>;

/** One control of a form, described once; FormGrid binds it to the values typed and the errors found. */
export type FieldSpec =
  | ({ kind?: 'input' } & Bound<FieldProps>)
  | ({ kind: 'select' } & Bound<SelectProps>)
  | { kind: 'check'; name: string; label: string }
  | {
      kind: 'choices';
      name: string;
      legend: string;
      hint?: string;
      /** Checkboxes in groups (a township's villages); a group's label is shown when there are several groups. */
      groups: { label: string; options: { value: string; label: string }[] }[];
    };

export interface FormGridProps {
  values?: FormValues;
  errors?: FieldErrors;
  /** Rows of controls: a row of several is a responsive grid, a row of one stands alone. */
  rows: FieldSpec[][];
}

/**
 * The fields of a register form (organisations, places, 守望之家): each row a grid, each control labelled, with its
 * hint, and on a refused value aria-invalid plus aria-describedby naming the error (what the axe tests check).
 */
export function FormGrid(p: FormGridProps) {
  return (
    <>
      {p.rows.map((row) =>
        row.length === 1 ? (
          <Control spec={row[0]} values={p.values} errors={p.errors} />
        ) : (
          <div class="grid">
            {row.map((spec) => (
              <Control spec={spec} values={p.values} errors={p.errors} />
            ))}
          </div>
        ),
      )}
    </>
  );
}

function Control({ spec, values, errors }: { spec: FieldSpec; values?: FormValues; errors?: FieldErrors }) {
  if (spec.kind === 'select') return <Select {...spec} values={values} errors={errors} />;
  if (spec.kind === 'check')
    return (
      <label class="check">
        <input type="checkbox" name={spec.name} value="1" checked={fieldValue(values, spec.name) !== ''} /> {spec.label}
      </label>
    );
  if (spec.kind === 'choices') return <Choices spec={spec} values={values} errors={errors} />;
  return <Field {...spec} values={values} errors={errors} />;
}

/** A group of checkboxes with one legend; the error belongs to the whole group (the fieldset is what is invalid). */
function Choices(p: { spec: Extract<FieldSpec, { kind: 'choices' }>; values?: FormValues; errors?: FieldErrors }) {
  const { spec } = p;
  const chosen = new Set([p.values?.[spec.name] ?? []].flat());
  const error = p.errors?.[spec.name];
  const errorId = `f-${spec.name}-error`;
  return (
    <fieldset aria-invalid={error ? 'true' : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{spec.legend}</legend>
      {spec.hint ? <small>{spec.hint}</small> : null}
      {spec.groups.map((g) => (
        <p>
          {spec.groups.length > 1 ? <strong>{g.label}：</strong> : null}
          {g.options.map((o) => (
            <label class="inline-choice">
              <input type="checkbox" name={spec.name} value={o.value} checked={chosen.has(o.value)} />
              {o.label}
            </label>
          ))}
        </p>
      ))}
      {error ? (
        <small id={errorId} class="error">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}
