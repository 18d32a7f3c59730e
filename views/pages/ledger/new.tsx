import { ACTIVITY_KINDS } from '../../../src/domain/vocabulary.js';
import type { FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { NewActivityModel } from '../../../src/modules/ledger/pages.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { DoubleAidNotice } from '../../partials/ledger/double-aid-notice.js';
import { AddLineButton, LineRow } from '../../partials/ledger/line-row.js';
import { RecipientOptions } from '../../partials/ledger/recipient-options.js';

export interface NewActivityProps extends NewActivityModel {
  ui: Ui;
}

const arr = (values: FormValues | undefined, k: string): string[] => {
  const v = values?.[k];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** Record an activity: who, when, whom, and its lines. htmx adds lines and searches recipients; without it, 3 lines and a search reload. */
export function NewActivityPage(props: NewActivityProps) {
  const { ui, formKey, organisations, homes, found, q, values, errors } = props;
  const { t } = ui;
  const chosenRecipients = new Set(arr(values, 'recipientIds').map(Number));
  const chosenHomes = new Set(arr(values, 'nursingHomeIds').map(Number));
  const rows = Math.max(3, arr(values, 'lineKind').length);
  const lineValues = (i: number) =>
    Object.fromEntries(
      [
        'lineKind',
        'lineAmount',
        'lineGoodsName',
        'lineQuantity',
        'lineUnit',
        'lineServiceKind',
        'lineHours',
        'lineVolunteers',
        'lineSource',
      ].map((k) => [k, arr(values, k)[i] ?? '']),
    );
  return (
    <Page ui={ui} title={t('activities.new')}>
      <h1>{t('activities.new')}</h1>
      {typeof values?.from === 'string' ? (
        <p class="notice">{t('activity.reRecordFrom', { id: values.from })}</p>
      ) : null}
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="get" action="/activities/new" role="search">
        <label for="f-q">{t('activities.searchRecipient')}</label>
        <input id="f-q" name="q" type="search" value={q} />
        <button type="submit" class="secondary">
          {t('common.search')}
        </button>
      </form>
      <form method="post" action="/activities" id="activity-form">
        <input type="hidden" name="idempotencyKey" value={formKey} />
        {/* Choosing the organisation, date or households asks whether another body aided them lately. */}
        <div
          hx-get="/activities/double-aid/check"
          hx-trigger="change"
          hx-target="#double-aid"
          hx-sync="this:replace"
          hx-include="#activity-form"
        >
          <Select
            name="organisationId"
            label={t('activities.organisation')}
            values={values}
            errors={errors}
            required
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          />
          <Field name="occurredOn" type="date" label={t('activities.date')} values={values} errors={errors} required />
          <Select
            name="kind"
            label={t('activities.kind')}
            values={values}
            errors={errors}
            required
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activity.kind.${k}`) }))}
          />
          <fieldset>
            <legend>{t('activities.households')}</legend>
            <label for="f-qlive">{t('activities.searchRecipient')}</label>
            <input
              id="f-qlive"
              name="q"
              type="search"
              value={q}
              aria-describedby="f-qlive-hint"
              hx-get="/activities/recipients"
              hx-trigger="input changed delay:300ms"
              hx-target="#recipient-options"
              hx-include="#activity-form"
            />
            <small id="f-qlive-hint">{t('activities.searchHint')}</small>
            <div id="recipient-options">
              <RecipientOptions ui={ui} found={found} chosen={chosenRecipients} />
            </div>
          </fieldset>
        </div>
        <div id="double-aid" aria-live="polite">
          <DoubleAidNotice ui={ui} earlier={props.doubleAid ?? []} days={props.doubleAidDays} confirm={props.confirm} />
        </div>
        <fieldset>
          <legend>{t('activities.nursingHomes')}</legend>
          {homes.map((h) => (
            <label>
              <input type="checkbox" name="nursingHomeIds" value={String(h.id)} checked={chosenHomes.has(h.id)} />
              {` ${h.name}`}
            </label>
          ))}
        </fieldset>
        {errors?.targets ? (
          <p class="error" role="alert">
            {errors.targets}
          </p>
        ) : null}
        <div id="lines">
          {Array.from({ length: rows }, (_, i) => (
            <LineRow ui={ui} index={i} values={lineValues(i)} />
          ))}
        </div>
        {errors?.lines ? (
          <p class="error" role="alert">
            {errors.lines}
          </p>
        ) : null}
        <AddLineButton ui={ui} next={rows} />
        <Field name="note" label={t('activities.note')} values={values} errors={errors} maxlength={500} />
        <button type="submit">{props.confirm ? t('doubleAid.saveAnyway') : t('common.save')}</button>
      </form>
    </Page>
  );
}
