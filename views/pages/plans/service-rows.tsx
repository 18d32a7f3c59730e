import { VISIT_SERVICE_KINDS } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';

const ROWS = 2;

const nth = (values: FormValues | undefined, name: string, i: number) => {
  const v = values?.[name];
  return (Array.isArray(v) ? v[i] : i === 0 ? v : undefined) ?? '';
};

/** Services given on the visit: a kind and its hours per row (repeated names, paired by position). */
export function ServiceRows({ ui, values, errors }: { ui: Ui; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ui;
  const error = errors?.serviceKind ?? errors?.serviceHours;
  return (
    <fieldset>
      <legend>{t('field.services')}</legend>
      {Array.from({ length: ROWS }, (_, i) => (
        <div class="grid">
          <div class="field">
            <label for={`f-serviceKind-${i}`}>{t('field.serviceKind')}</label>
            <select id={`f-serviceKind-${i}`} name="serviceKind" aria-invalid={error ? 'true' : undefined}>
              <option value="">—</option>
              {VISIT_SERVICE_KINDS.map((k) => (
                <option value={k} selected={nth(values, 'serviceKind', i) === k}>
                  {t(`serviceKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`f-serviceHours-${i}`}>{t('field.serviceHours')}</label>
            <input
              id={`f-serviceHours-${i}`}
              name="serviceHours"
              inputmode="decimal"
              maxlength={5}
              value={nth(values, 'serviceHours', i)}
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
        </div>
      ))}
      {error ? <small class="error">{error}</small> : null}
    </fieldset>
  );
}
