import type { Measures } from '../../../src/domain/aid-summary.js';
import { formatYuanGrouped } from '../../../src/domain/money.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { AnnualSummary } from '../../../src/modules/reports/summary.js';
import { Page } from '../../layouts/page.js';

export interface AidReportProps {
  ui: Ui;
  summary: AnnualSummary;
  sentence: string;
  monthChart: string;
  townshipChart: string;
}

const KEYS = [
  'organisations_participating',
  'stations_participating',
  'nursing_homes_visited',
  'households_visited',
  'assistance_events',
  'cash_fen',
  'goods_value_fen',
  'aid_total_fen',
  'service_hours',
  'volunteer_hours',
  'volunteers_serving',
] as const;

const HOW = ['events', 'households', 'homes', 'orgs', 'money', 'township', 'source'] as const;

/** Money and service hours by funding source (资金来源). */
function SourceTable({ ui, rows }: { ui: Ui; rows: AnnualSummary['by_funding_source'] }) {
  const { t } = ui;
  const money = ['cash_fen', 'goods_value_fen', 'aid_total_fen'] as const;
  return (
    <div class="table-wrap">
      <table class="striped" id="by-source">
        <caption>{t('report.bySource')}</caption>
        <thead>
          <tr>
            <th>{t('report.col.source')}</th>
            {money.map((k) => (
              <th class="num">{t(`report.m.${k}`)}</th>
            ))}
            <th class="num">{t('report.m.service_hours')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{t(`fundingSource.${r.source}`)}</td>
              {money.map((k) => (
                <td class="num">{formatYuanGrouped(r[k])}</td>
              ))}
              <td class="num">{String(r.service_hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MeasureTable({
  ui,
  id,
  caption,
  nameHeader,
  rows,
}: {
  ui: Ui;
  id: string;
  caption: string;
  nameHeader: string;
  rows: { name: string; m: Measures }[];
}) {
  const { t } = ui;
  return (
    <div class="table-wrap">
      <table class="striped" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th>{nameHeader}</th>
            {KEYS.map((k) => (
              <th class="num">{t(`report.m.${k}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.name}</td>
              {KEYS.map((k) => (
                <td class="num">{k.endsWith('_fen') ? formatYuanGrouped(r.m[k]) : String(r.m[k])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The annual summary: the sentence, two charts (server-rendered SVG images) and the tables behind them. */
export function AidReportPage({ ui, summary: s, sentence, monthChart, townshipChart }: AidReportProps) {
  const { t } = ui;
  const q = `year=${s.year}`;
  return (
    <Page ui={ui} title={t('report.title', { year: s.year })}>
      <hgroup class="page-head">
        <h1>{t('report.title', { year: s.year })}</h1>
        <form method="get" action="/reports/aid" class="inline">
          <label for="f-year">{t('report.year')}</label>
          <input id="f-year" name="year" type="number" min={2000} max={2100} value={String(s.year)} />
          <button type="submit" class="secondary small">
            {t('activities.filter')}
          </button>
        </form>
      </hgroup>
      <p class="lead" id="summary-sentence">
        {sentence}
        {t('report.sentenceEnd')}
      </p>
      {/* Exports are audited, so they are POSTs (reads never write). */}
      <div class="actions">
        {t('report.export')}:
        {(['csv', 'xlsx', 'docx'] as const).map((ext) => (
          <form method="post" action={`/reports/aid.${ext}?${q}`} class="inline">
            <button type="submit" class="secondary outline small">
              {ext === 'csv' ? 'CSV' : ext === 'xlsx' ? 'Excel' : 'Word'}
            </button>
          </form>
        ))}
        <small class="export-hint">{t('registry.csvHint')}</small>
      </div>
      <MeasureTable
        ui={ui}
        id="summary-total"
        caption={t('report.group.total')}
        nameHeader={t('report.year')}
        rows={[{ name: String(s.year), m: s }]}
      />
      <figure>
        <img src={monthChart} alt={t('report.chartMonth')} width={720} height={320} />
      </figure>
      <MeasureTable
        ui={ui}
        id="by-month"
        caption={t('report.byMonth')}
        nameHeader={t('report.col.month')}
        rows={s.by_month.map((r) => ({ name: r.month, m: r }))}
      />
      <figure>
        <img src={townshipChart} alt={t('report.chartTownship')} width={720} height={320} />
      </figure>
      <MeasureTable
        ui={ui}
        id="by-township"
        caption={t('report.byTownship')}
        nameHeader={t('report.col.township')}
        rows={s.by_township.map((r) => ({ name: r.township ?? t('report.noTownship'), m: r }))}
      />
      <MeasureTable
        ui={ui}
        id="by-organisation"
        caption={t('report.byOrganisation')}
        nameHeader={t('report.col.organisation')}
        rows={s.by_organisation.map((r) => ({ name: r.organisation, m: r }))}
      />
      <SourceTable ui={ui} rows={s.by_funding_source} />
      <section id="how-counted">
        <h2>{t('report.howTitle')}</h2>
        <ul>
          {HOW.map((k) => (
            <li>{t(`report.how.${k}`)}</li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
