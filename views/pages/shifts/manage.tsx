import { WORK_KINDS } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { ManagedShift } from '../../../src/modules/shifts/queries.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { ShiftOwner } from '../../partials/shifts/owner.js';

/** Coordinators' and stations' shifts (their organisation's or township's), each linking to its roster. */
export function ManageShiftsPage({ ui, shifts }: { ui: Ui; shifts: ManagedShift[] }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.manage')}>
      <hgroup class="page-head">
        <h1>{t('shifts.manage')}</h1>
        <a href="/shifts/new" role="button">
          {t('shifts.new')}
        </a>
      </hgroup>
      <div class="table-wrap">
        <table class="striped" id="managed-shifts">
          <thead>
            <tr>
              <th>{t('shifts.date')}</th>
              <th>{t('shifts.time')}</th>
              <th>{t('shifts.shiftTitle')}</th>
              <th>{t('shifts.township')}</th>
              <th>{t('shifts.organisation')}</th>
              <th>{t('shifts.capacity')}</th>
            </tr>
          </thead>
          <tbody>
            {shifts.map((s) => (
              <tr>
                <td>{s.date}</td>
                <td>
                  {s.startTime}–{s.endTime}
                </td>
                <td>
                  <a href={`/shifts/${s.id}`}>{s.title}</a>
                </td>
                <td>{s.township}</td>
                <td>
                  {s.organisation} <ShiftOwner t={t} shift={s} />
                </td>
                <td>
                  {t('shifts.places', { confirmed: s.confirmed, capacity: s.capacity, waitlisted: s.waitlisted })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shifts.length ? null : <p>{t('shifts.none')}</p>}
    </Page>
  );
}

export interface NewShiftProps {
  ui: Ui;
  values?: FormValues;
  errors?: FieldErrors;
  townships: { id: number; name: string }[];
  organisations: { id: number; name: string }[];
}

export function NewShiftPage({ ui, values, errors, townships, organisations }: NewShiftProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.new')}>
      <h1>{t('shifts.new')}</h1>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action="/shifts">
        <Field name="title" label={t('shifts.shiftTitle')} values={values} errors={errors} required maxlength={80} />
        <Select
          name="workKind"
          label={t('shifts.workKind')}
          values={values}
          errors={errors}
          required
          options={WORK_KINDS.map((k) => ({ value: k, label: t(`shifts.workKind.${k}`) }))}
        />
        <div class="grid">
          <Select
            name="organisationId"
            label={t('shifts.organisation')}
            values={values}
            errors={errors}
            required
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          />
          <Select
            name="townshipId"
            label={t('shifts.township')}
            values={values}
            errors={errors}
            required
            options={townships.map((o) => ({ value: String(o.id), label: o.name }))}
          />
        </div>
        <WhenAndWho ui={ui} values={values} errors={errors} />
        <button type="submit">{t('shifts.new')}</button>
      </form>
    </Page>
  );
}

/** Place, time, capacity, skills and description: the fields a shift keeps editable after it is made. */
function WhenAndWho({ ui, values, errors }: { ui: Ui; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ui;
  return (
    <>
      <Field name="place" label={t('shifts.place')} values={values} errors={errors} maxlength={120} />
      <div class="grid">
        <Field name="date" type="date" label={t('shifts.date')} values={values} errors={errors} required />
        <Field name="startTime" type="time" label={t('shifts.startTime')} values={values} errors={errors} required />
        <Field name="endTime" type="time" label={t('shifts.endTime')} values={values} errors={errors} required />
        <Field
          name="capacity"
          type="number"
          inputmode="numeric"
          label={t('shifts.capacity')}
          values={values}
          errors={errors}
          required
        />
      </div>
      <Field name="requiredSkills" label={t('shifts.requiredSkills')} values={values} errors={errors} maxlength={200} />
      <Field name="description" label={t('shifts.description')} values={values} errors={errors} maxlength={500} />
    </>
  );
}

/** Changing a shift after it was made; its organisation and township stay (a different one is a new shift). */
export function EditShiftPage({
  ui,
  shift,
  values,
  errors,
}: {
  ui: Ui;
  shift: ManagedShift;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.edit')}>
      <h1>{t('shifts.edit')}</h1>
      <p>
        {shift.township} · {shift.organisation} · <a href={`/shifts/${shift.id}`}>{t('shifts.roster')}</a>
      </p>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action={`/shifts/${shift.id}/edit`}>
        <Field name="title" label={t('shifts.shiftTitle')} values={values} errors={errors} required maxlength={80} />
        <Select
          name="workKind"
          label={t('shifts.workKind')}
          values={values}
          errors={errors}
          required
          options={WORK_KINDS.map((k) => ({ value: k, label: t(`shifts.workKind.${k}`) }))}
        />
        <WhenAndWho ui={ui} values={values} errors={errors} />
        <p>
          <small>{t('shifts.edit.notice')}</small>
        </p>
        <button type="submit">{t('shifts.edit.save')}</button>
      </form>
    </Page>
  );
}
