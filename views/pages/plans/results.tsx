import { FUNDING_SOURCES, NEED_CATEGORIES, NEED_URGENCIES, VISIT_OUTCOMES } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { VolunteerSheet } from '../../../src/modules/plans/results.js';
import { RESULT_FIELDS, resultField } from '../../../src/modules/plans/results-schema.js';
import type { ManagedShift } from '../../../src/modules/shifts/queries.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface ResultsProps {
  ui: Ui;
  shift: ManagedShift;
  sheet: VolunteerSheet;
  values?: FormValues;
  /** Per household (assignment id): the errors of its row, unprefixed field names. */
  errors?: Map<number, FieldErrors>;
  /** A message for the whole form (e.g. the visit day has not come). */
  formError?: string;
}

type Row = VolunteerSheet['rows'][number];

/** Row errors under the row's own field names, so each control shows its message. */
function prefixed(id: number, errors: FieldErrors | undefined): FieldErrors | undefined {
  if (!errors) return undefined;
  const out: FieldErrors = {};
  for (const f of RESULT_FIELDS) if (errors[f]) out[resultField(id, f)] = errors[f];
  return out;
}

function HouseholdRow(p: { ui: Ui; r: Row; values?: FormValues; errors?: FieldErrors; correct?: number }) {
  const { ui, r, values, errors } = p;
  const { t } = ui;
  const name = (f: (typeof RESULT_FIELDS)[number]) => resultField(r.id, f);
  const own = prefixed(r.id, errors);
  const common = { values, errors: own };
  return (
    <article class="result-row" data-recipient={String(r.recipientId)}>
      <header>
        <strong>
          {r.position}. {r.recipient}
        </strong>{' '}
        · {r.village ?? ''} {r.address ?? ''}
      </header>
      {r.outcome ? (
        <p class="recorded">
          {t('today.recorded', { outcome: t(`visitOutcome.${r.outcome}`) })}
          {p.correct ? (
            <>
              {' · '}
              <a href={`/visits/records/${p.correct}/correct`} class="correct">
                {t('field.correct')}
              </a>
            </>
          ) : null}
        </p>
      ) : (
        <div class="grid">
          <Select
            name={name('outcome')}
            label={t('sheets.outcome')}
            {...common}
            placeholder={t('results.blank')}
            options={VISIT_OUTCOMES.map((k) => ({ value: k, label: t(`visitOutcome.${k}`) }))}
          />
          <Select
            name={name('needCategory')}
            label={t('visits.record.needCategory')}
            {...common}
            placeholder={t('common.none')}
            options={NEED_CATEGORIES.map((k) => ({ value: k, label: t(`needCategory.${k}`) }))}
          />
          <Select
            name={name('needUrgency')}
            label={t('visits.record.needUrgency')}
            {...common}
            options={NEED_URGENCIES.map((k) => ({ value: k, label: t(`needUrgency.${k}`) }))}
          />
          <Field name={name('needText')} label={t('visits.record.needText')} {...common} maxlength={500} />
          <Field name={name('aidCash')} label={t('today.aidCash')} {...common} inputmode="decimal" />
          <Field name={name('aidGoodsName')} label={t('today.aidGoodsName')} {...common} maxlength={50} />
          <Field name={name('aidGoodsValue')} label={t('today.aidGoodsValue')} {...common} inputmode="decimal" />
          <Select
            name={name('aidSource')}
            label={t('line.source')}
            {...common}
            placeholder={t('fundingSource.unspecified')}
            options={FUNDING_SOURCES.map((k) => ({ value: k, label: t(`fundingSource.${k}`) }))}
          />
          <Field name={name('notes')} label={t('results.notes')} {...common} maxlength={1000} />
        </div>
      )}
    </article>
  );
}

/** A returned route sheet typed in by the station: every household of one volunteer on one screen. */
export function ResultsPage({ ui, shift, sheet, values, errors, formError }: ResultsProps) {
  const { t } = ui;
  const all: FieldErrors = {};
  if (formError) all._form = formError;
  else if (errors?.size) all._form = t('results.fix', { n: errors.size });
  return (
    <Page ui={ui} title={t('results.title', { name: sheet.volunteer.name })}>
      <h1>{t('results.title', { name: sheet.volunteer.name })}</h1>
      <p>
        {shift.date} {shift.startTime}–{shift.endTime} · {shift.township} · {shift.title} ·{' '}
        <a href={`/plans/${shift.id}`}>{t('plans.link')}</a>
      </p>
      <p>{t('results.intro')}</p>
      <form method="post" action={`/plans/${shift.id}/results/${sheet.volunteer.id}`}>
        <FormErrors errors={all} message={t('form.invalid')} />
        {sheet.rows.map((r) => (
          <HouseholdRow
            ui={ui}
            r={r}
            values={values}
            errors={errors?.get(r.id)}
            correct={sheet.corrections.get(r.recipientId)}
          />
        ))}
        {sheet.rows.some((r) => !r.outcome) ? <button type="submit">{t('results.save')}</button> : null}
      </form>
    </Page>
  );
}
