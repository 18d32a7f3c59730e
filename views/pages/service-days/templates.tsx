import { WORK_KINDS } from '../../../src/domain/vocabulary.js';
import type { FieldErrors } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { TemplateRow } from '../../../src/modules/service-days/templates.js';
import { Page } from '../../layouts/page.js';

/** Stations' default shifts on every service day; each row is its own form (works without JavaScript). */
export function TemplatesPage({
  ui,
  rows,
  errors,
}: {
  ui: Ui;
  rows: TemplateRow[];
  errors?: { id: number; errors: FieldErrors };
}) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.templates')}>
      <h1>{t('shifts.templates')}</h1>
      <p>
        <small>{t('shifts.templates.hint')}</small>
      </p>
      {rows.length ? null : <p>{t('shifts.none')}</p>}
      {rows.map((r) => {
        const e = errors?.id === r.id ? errors.errors : undefined;
        return (
          <form method="post" action={`/shifts/templates/${r.id}`} class="template" id={`template-${r.id}`}>
            <fieldset>
              <legend>{r.station}</legend>
              {e ? (
                <p role="alert" class="error">
                  {Object.values(e).join(' ')}
                </p>
              ) : null}
              <label>
                {t('shifts.shiftTitle')}
                <input name="title" value={r.title} required maxlength={80} />
              </label>
              <div class="grid">
                <label>
                  {t('shifts.startTime')}
                  <input type="time" name="startTime" value={r.startTime} required />
                </label>
                <label>
                  {t('shifts.endTime')}
                  <input type="time" name="endTime" value={r.endTime} required />
                </label>
                <label>
                  {t('shifts.capacity')}
                  <input type="number" name="capacity" value={String(r.capacity)} min="1" max="500" required />
                </label>
              </div>
              <label>
                {t('shifts.workKind')}
                <select name="workKind">
                  {WORK_KINDS.map((k) => (
                    <option value={k} selected={k === r.workKind}>
                      {t(`shifts.workKind.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" class="secondary">
                {t('shifts.templates.save')}
              </button>
            </fieldset>
          </form>
        );
      })}
    </Page>
  );
}
