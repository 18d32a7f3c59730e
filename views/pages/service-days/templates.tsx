import { WORK_KINDS } from '../../../src/domain/vocabulary.js';
import { type FieldErrors, type FormValues, fieldValue } from '../../../src/lib/form.js';
import type { Translate } from '../../../src/lib/i18n/index.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { TemplateOwner, TemplateRow } from '../../../src/modules/service-days/templates.js';
import { Page } from '../../layouts/page.js';

type Values = FormValues;
const valuesOf = (r: TemplateRow): Values => ({
  title: r.title,
  place: r.place ?? '',
  startTime: r.startTime,
  endTime: r.endTime,
  capacity: String(r.capacity),
  workKind: r.workKind,
});

/** The fields of one template (labels wrap their inputs: many forms on one page, no shared ids). */
function TemplateFields({ t, values, errors }: { t: Translate; values: Values; errors?: FieldErrors }) {
  const v = (name: string) => fieldValue(values, name);
  return (
    <>
      {errors ? (
        <p role="alert" class="error">
          {Object.values(errors).join(' ')}
        </p>
      ) : null}
      <label>
        {t('shifts.shiftTitle')}
        <input
          name="title"
          value={v('title')}
          required
          maxlength={80}
          aria-invalid={errors?.title ? 'true' : undefined}
        />
      </label>
      <label>
        {t('serviceDays.templates.place')}
        <input name="place" value={v('place')} maxlength={120} />
      </label>
      <div class="grid">
        <label>
          {t('shifts.startTime')}
          <input
            type="time"
            name="startTime"
            value={v('startTime')}
            required
            aria-invalid={errors?.startTime ? 'true' : undefined}
          />
        </label>
        <label>
          {t('shifts.endTime')}
          <input
            type="time"
            name="endTime"
            value={v('endTime')}
            required
            aria-invalid={errors?.endTime ? 'true' : undefined}
          />
        </label>
        <label>
          {t('shifts.capacity')}
          <input
            type="number"
            name="capacity"
            value={v('capacity')}
            min="1"
            max="500"
            required
            aria-invalid={errors?.capacity ? 'true' : undefined}
          />
        </label>
      </div>
      <label>
        {t('shifts.workKind')}
        <select name="workKind">
          {WORK_KINDS.map((k) => (
            <option value={k} selected={k === v('workKind')}>
              {t(`shifts.workKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

export interface TemplatesProps {
  ui: Ui;
  rows: TemplateRow[];
  owners: TemplateOwner[];
  /** A refused form: the add form (id null) or one row, with what was typed. */
  form?: { id: number | null; values: FormValues; errors: FieldErrors };
}

/** Default shifts on every service day, per station or organisation: add, edit, delete (each works without JS). */
export function TemplatesPage({ ui, rows, owners, form }: TemplatesProps) {
  const { t } = ui;
  const adding = form && form.id === null ? form : undefined;
  return (
    <Page ui={ui} title={t('shifts.templates')}>
      <h1>{t('shifts.templates')}</h1>
      <p>
        <small>{t('serviceDays.templates.hint')}</small>
      </p>
      {rows.length ? null : <p>{t('serviceDays.templates.none')}</p>}
      {rows.map((r) => {
        const refused = form?.id === r.id ? form : undefined;
        return (
          <form method="post" action={`/shifts/templates/${r.id}`} class="template" id={`template-${r.id}`}>
            <fieldset>
              <legend>
                {r.owner} · {r.startTime}–{r.endTime}
              </legend>
              <TemplateFields t={t} values={refused?.values ?? valuesOf(r)} errors={refused?.errors} />
              <button type="submit" class="secondary">
                {t('serviceDays.templates.save')}
              </button>{' '}
              <a href={`/shifts/templates/${r.id}/delete`}>{t('serviceDays.templates.delete')}</a>
            </fieldset>
          </form>
        );
      })}
      {owners.length ? (
        <form method="post" action="/shifts/templates" id="template-new">
          <h2>{t('serviceDays.templates.add')}</h2>
          <label>
            {t('serviceDays.templates.owner')}
            <select name="organisationId" required>
              {owners.map((o) => (
                <option value={String(o.id)} selected={fieldValue(adding?.values, 'organisationId') === String(o.id)}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <TemplateFields
            t={t}
            values={adding?.values ?? { startTime: '08:30', endTime: '12:00', capacity: '10', workKind: 'home_visit' }}
            errors={adding?.errors}
          />
          <button type="submit">{t('serviceDays.templates.add')}</button>
        </form>
      ) : null}
    </Page>
  );
}

/** Asks before deleting: the template's coming untouched shifts go with it. */
export function DeleteTemplatePage({ ui, row }: { ui: Ui; row: TemplateRow }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('serviceDays.templates.delete')}>
      <h1>{t('serviceDays.templates.delete')}</h1>
      <p>
        {row.owner} · {row.title} · {row.startTime}–{row.endTime}
      </p>
      <p>{t('serviceDays.templates.deleteWhat')}</p>
      <form method="post" action={`/shifts/templates/${row.id}/delete`}>
        <button type="submit" class="contrast">
          {t('serviceDays.templates.deleteConfirm')}
        </button>{' '}
        <a href="/shifts/templates">{t('serviceDays.templates.keep')}</a>
      </form>
    </Page>
  );
}
