import { FUNDING_SOURCES } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { Household } from '../../../src/modules/plans/queries.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { OutcomeFields } from '../visits/outcome-fields.js';
import { ServiceRows } from './service-rows.js';

export interface TodayProps {
  ui: Ui;
  date: string;
  households: Household[];
  next: string | null;
  /** The business date now: households of a later day cannot be recorded yet. */
  today: string;
  /** The login is not linked to a volunteer record yet. */
  unlinked?: boolean;
}

/** The volunteer's day on a phone: their households in visiting order, only what the visit needs. */
export function TodayPage({ ui, date, households, next, today, unlinked }: TodayProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('today.title')}>
      <h1>{t('today.dateTitle', { date })}</h1>
      {unlinked ? <p>{t('shifts.noVolunteer')}</p> : households.length === 0 ? <p>{t('today.none')}</p> : null}
      {next && next !== date ? (
        <p>
          <a href={`/visits/today?date=${next}`}>{t('today.next', { date: next })}</a>
        </p>
      ) : null}
      <ol class="households">
        {households.map((h) => (
          <li data-household={String(h.id)}>
            <HouseholdCard ui={ui} h={h} />
            {h.outcome ? (
              <>
                <p class="recorded">{t('today.recorded', { outcome: t(`visitOutcome.${h.outcome as 'visited'}`) })}</p>
                {h.date === today ? (
                  <a href={`/visits/today/${h.id}/correct`} class="correct">
                    {t('field.correct')}
                  </a>
                ) : null}
              </>
            ) : h.date > today ? (
              <p class="not-yet">{t('field.opensOn', { date: h.date })}</p>
            ) : (
              <a href={`/visits/today/${h.id}`} role="button">
                {t('today.record')}
              </a>
            )}
          </li>
        ))}
      </ol>
    </Page>
  );
}

function HouseholdCard({ ui, h }: { ui: Ui; h: Household }) {
  const { t } = ui;
  return (
    <article>
      <header>
        <strong>{h.name}</strong> · {h.village ?? ''} · {t(`visits.careLevel.${h.careLevel}`)}
        <br />
        <small>{t('today.shift', { title: h.shiftTitle, start: h.startTime, end: h.endTime })}</small>
      </header>
      {h.address ? (
        <p>
          {t('today.address')}：{h.address}
        </p>
      ) : null}
      {h.careNotes ? <p>{h.careNotes}</p> : null}
      {h.hasCaregiverMobile ? (
        // The full number never reaches the page: the call goes through an audited POST that answers with tel:.
        <form method="post" action={`/visits/today/${h.id}/call`}>
          <button type="submit" class="outline">
            {t('today.call', { mobile: `${h.caregiverName ?? ''} ${h.caregiverMobileMasked ?? ''}`.trim() })}
          </button>
        </form>
      ) : null}
    </article>
  );
}

export interface OutcomeProps {
  ui: Ui;
  h: Household;
  values?: FormValues;
  errors?: FieldErrors;
  /** Before the visit day the form is not offered: the page says when it opens. */
  notYet?: boolean;
  /** Where the form posts: the first record or its same-day correction. */
  action?: string;
  correct?: boolean;
}

/** One household: its card and the outcome form, with the needs found (急难愁盼). */
export function OutcomePage({ ui, h, values, errors, notYet, action, correct }: OutcomeProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={h.name}>
      <p>
        <a href={`/visits/today?date=${h.date}`}>{t('today.title')}</a>
      </p>
      <HouseholdCard ui={ui} h={h} />
      {notYet ? (
        <p class="not-yet">{t('field.opensOn', { date: h.date })}</p>
      ) : (
        <OutcomeForm ui={ui} h={h} values={values} errors={errors} action={action} correct={correct} />
      )}
    </Page>
  );
}

/** The outcome form: the first record on the phone, or a same-day correction (also the station's). */
export function OutcomeForm({ ui, h, values, errors, action, correct }: Omit<OutcomeProps, 'h'> & { h?: Household }) {
  const { t } = ui;
  return (
    <>
      <FormErrors errors={errors} message={t('form.invalid')} />
      {correct ? <p>{t('field.correctLead')}</p> : null}
      <form method="post" action={action ?? `/visits/today/${h?.id}`} class="narrow">
        <OutcomeFields ui={ui} values={values} errors={errors} />
        <fieldset>
          <legend>{t('today.aid')}</legend>
          <Field
            name="aidCash"
            label={t('today.aidCash')}
            values={values}
            errors={errors}
            inputmode="decimal"
            maxlength={12}
          />
          <Field name="aidGoodsName" label={t('today.aidGoodsName')} values={values} errors={errors} maxlength={50} />
          <div class="grid">
            <Field
              name="aidGoodsQuantity"
              label={t('today.aidGoodsQuantity')}
              values={values}
              errors={errors}
              inputmode="decimal"
              maxlength={9}
            />
            <Field name="aidGoodsUnit" label={t('today.aidGoodsUnit')} values={values} errors={errors} maxlength={10} />
          </div>
          <Field
            name="aidGoodsValue"
            label={t('today.aidGoodsValue')}
            values={values}
            errors={errors}
            inputmode="decimal"
            maxlength={12}
          />
          <Select
            name="aidSource"
            label={t('line.source')}
            values={values}
            errors={errors}
            placeholder={t('fundingSource.unspecified')}
            options={FUNDING_SOURCES.map((k) => ({ value: k, label: t(`fundingSource.${k}`) }))}
          />
        </fieldset>
        <ServiceRows ui={ui} values={values} errors={errors} />
        <button type="submit">{t(correct ? 'field.correctSubmit' : 'visits.record.submit')}</button>
      </form>
    </>
  );
}
