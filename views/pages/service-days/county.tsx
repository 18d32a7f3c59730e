import { type FieldErrors, type FormValues, fieldValue } from '../../../src/lib/form.js';
import type { Translate } from '../../../src/lib/i18n/index.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { ServiceDayRow } from '../../../src/modules/service-days/county.js';
import { type TownshipFigures, totals } from '../../../src/modules/service-days/overview.js';
import { Page } from '../../layouts/page.js';

function DayStatus({ t, day }: { t: Translate; day: ServiceDayRow }) {
  if (day.cancelledAt) return <mark>{t('serviceDays.status.cancelled')}</mark>;
  if (day.heldOn && day.heldOn !== day.date) return <mark>{t('serviceDays.status.moved', { date: day.heldOn })}</mark>;
  return <>{t('serviceDays.status.planned')}</>;
}

/** The county's coming service days, each opening its overview. */
export function ServiceDaysPage({ ui, days }: { ui: Ui; days: ServiceDayRow[] }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('serviceDays.title')}>
      <h1>{t('serviceDays.title')}</h1>
      {days.length ? (
        <table class="striped" id="service-days">
          <thead>
            <tr>
              <th>{t('serviceDays.date')}</th>
              <th>{t('serviceDays.status')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <td>
                  <a href={`/service-days/${d.id}`}>{d.date}</a>
                </td>
                <td>
                  <DayStatus t={t} day={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('serviceDays.none')}</p>
      )}
    </Page>
  );
}

const FIGURES = [
  ['shifts', 'serviceDays.col.shifts'],
  ['plansPublished', 'serviceDays.col.plans'],
  ['householdsPlanned', 'serviceDays.col.planned'],
  ['householdsRecorded', 'serviceDays.col.recorded'],
  ['needsFound', 'serviceDays.col.needs'],
] as const;

function FigureCells({ r }: { r: Omit<TownshipFigures, 'townshipId' | 'township'> }) {
  return (
    <>
      <td data-figure="shifts">{r.shifts}</td>
      <td data-figure="filled">
        {r.filled}/{r.places}
      </td>
      {FIGURES.slice(1).map(([k]) => (
        <td data-figure={k}>{r[k]}</td>
      ))}
    </>
  );
}

export interface ServiceDayProps {
  ui: Ui;
  day: ServiceDayRow;
  rows: TownshipFigures[];
  form?: { values: FormValues; errors: FieldErrors };
}

/** One service day across the townships, with moving it (a form) and cancelling it (asks first). */
export function ServiceDayPage({ ui, day, rows, form }: ServiceDayProps) {
  const { t } = ui;
  const sum = totals(rows);
  const error = form?.errors.heldOn ?? form?.errors.reason;
  return (
    <Page ui={ui} title={t('serviceDays.day.title', { date: day.date })}>
      <h1>{t('serviceDays.day.title', { date: day.date })}</h1>
      <p>
        <DayStatus t={t} day={day} />
      </p>
      <div class="table-wrap">
        <table class="striped" id="service-day-overview">
          <thead>
            <tr>
              <th>{t('serviceDays.col.township')}</th>
              <th>{t('serviceDays.col.shifts')}</th>
              <th>{t('serviceDays.col.filled')}</th>
              {FIGURES.slice(1).map(([, label]) => (
                <th>{t(label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-township={r.township}>
                <th scope="row">{r.township}</th>
                <FigureCells r={r} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-township="total">
              <th scope="row">{t('serviceDays.total')}</th>
              <FigureCells r={sum} />
            </tr>
          </tfoot>
        </table>
      </div>
      <p>
        <small>{t('serviceDays.explain')}</small>
      </p>
      {day.cancelledAt ? null : (
        <>
          <form method="post" action={`/service-days/${day.id}/move`} id="move-day">
            <h2>{t('serviceDays.move')}</h2>
            {error ? (
              <p role="alert" class="error">
                {error}
              </p>
            ) : null}
            <label>
              {t('serviceDays.move.to')}
              <input
                type="date"
                name="heldOn"
                value={fieldValue(form?.values, 'heldOn')}
                required
                aria-invalid={form?.errors.heldOn ? 'true' : undefined}
              />
            </label>
            <label>
              {t('serviceDays.reason')}
              <input name="reason" value={fieldValue(form?.values, 'reason')} maxlength={60} />
            </label>
            <button type="submit">{t('serviceDays.move.submit')}</button>
          </form>
          <p>
            <a href={`/service-days/${day.id}/cancel`} class="contrast">
              {t('serviceDays.cancel')}
            </a>
          </p>
        </>
      )}
    </Page>
  );
}

/** Asks before cancelling a whole day county-wide. */
export function CancelDayPage({ ui, day, error }: { ui: Ui; day: ServiceDayRow; error?: string }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('serviceDays.cancel')}>
      <h1>
        {t('serviceDays.cancel')} · {day.heldOn ?? day.date}
      </h1>
      <p>{t('serviceDays.cancel.what')}</p>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
      <form method="post" action={`/service-days/${day.id}/cancel`}>
        <label>
          {t('serviceDays.reason')}
          <input name="reason" maxlength={60} />
        </label>
        <button type="submit" class="contrast">
          {t('serviceDays.cancel.confirm')}
        </button>{' '}
        <a href={`/service-days/${day.id}`}>{t('serviceDays.cancel.keep')}</a>
      </form>
    </Page>
  );
}
