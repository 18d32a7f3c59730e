import { formatYuanGrouped } from '../../../src/domain/money.js';
import { ACTIVITY_KINDS } from '../../../src/domain/vocabulary.js';
import type { FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { ActivityRow } from '../../../src/modules/ledger/queries.js';
import { Field, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface ActivitiesProps {
  ui: Ui;
  rows: ActivityRow[];
  values: FormValues;
  townships: { id: number; name: string }[];
  organisations: { id: number; name: string }[];
  canRecord: boolean;
  canImport: boolean;
  canDoubleAid: boolean;
  heading?: string;
  prev?: string;
  next?: string;
}

/** Activities with filters (date range, township, organisation, kind); also a recipient's or an organisation's aid history. */
export function ActivitiesPage({
  ui,
  rows,
  values,
  townships,
  organisations,
  canRecord,
  canImport,
  canDoubleAid,
  heading,
  prev,
  next,
}: ActivitiesProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={heading ?? t('activities.title')}>
      <hgroup class="page-head">
        <h1>{heading ?? t('activities.title')}</h1>
        {canRecord ? (
          <a href="/activities/new" role="button">
            {t('activities.new')}
          </a>
        ) : null}
        {canImport ? (
          <a href="/activities/import" role="button" class="secondary">
            {t('import.title')}
          </a>
        ) : null}
        {canDoubleAid ? (
          <a href="/activities/double-aid" role="button" class="secondary outline">
            {t('doubleAid.link')}
          </a>
        ) : null}
      </hgroup>
      <form method="get" action="/activities" class="filters">
        <div class="grid">
          <Field name="from" type="date" label={t('activities.from')} values={values} />
          <Field name="to" type="date" label={t('activities.to')} values={values} />
          <Select
            name="townshipId"
            label={t('activities.township')}
            values={values}
            placeholder={t('activities.all')}
            options={townships.map((x) => ({ value: String(x.id), label: x.name }))}
          />
          <Select
            name="organisationId"
            label={t('activities.organisation')}
            values={values}
            placeholder={t('activities.all')}
            options={organisations.map((x) => ({ value: String(x.id), label: x.name }))}
          />
          <Select
            name="kind"
            label={t('activities.kind')}
            values={values}
            placeholder={t('activities.all')}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activity.kind.${k}`) }))}
          />
        </div>
        {values.recipientId ? <input type="hidden" name="recipientId" value={String(values.recipientId)} /> : null}
        <button type="submit" class="secondary">
          {t('activities.filter')}
        </button>
      </form>
      {canImport ? (
        // An export is audited, so it is a POST (reads never write).
        <form
          method="post"
          action={`/activities/export.xlsx?${new URLSearchParams({ from: String(values.from ?? ''), to: String(values.to ?? '') })}`}
        >
          <button type="submit" class="secondary outline small">
            {t('activities.export')}
          </button>
        </form>
      ) : null}
      <div class="table-wrap">
        <table class="striped" id="activities">
          <thead>
            <tr>
              <th>{t('activities.date')}</th>
              <th>{t('activities.kind')}</th>
              <th>{t('activities.organisation')}</th>
              <th>{t('activities.township')}</th>
              <th>{t('activities.targets')}</th>
              <th class="num">{t('activities.aidTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={6}>{t('common.empty')}</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/activities/${r.id}`}>{r.occurredOn}</a>
                  </td>
                  <td>
                    {t(`activity.kind.${r.kind}`)}
                    {r.voided ? <mark class="voided">{` ${t('activity.voided')}`}</mark> : null}
                  </td>
                  <td>{r.organisation}</td>
                  <td>{r.township ?? ''}</td>
                  <td class="num">{r.targets}</td>
                  <td class="num">{formatYuanGrouped(Number(r.aidFen))}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav class="pager">
        {prev ? <a href={prev}>{t('common.previous')}</a> : null} {next ? <a href={next}>{t('common.next')}</a> : null}
      </nav>
    </Page>
  );
}
