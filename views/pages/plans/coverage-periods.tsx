import { COVERAGE_MONTHS, DEFAULT_COVERAGE_MONTHS } from '../../../src/domain/coverage.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { CoverageSettings } from '../../../src/modules/plans/coverage-periods.js';
import { FormErrors } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface CoveragePeriodsProps {
  ui: Ui;
  settings: CoverageSettings;
  /** The viewer may set the county's own period (the county admin). */
  county: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}

/** One setting: its months (or empty: follow the next level up) and a save button, as its own small form. */
function PeriodForm(p: {
  ui: Ui;
  townshipId: number | null;
  own: number | null;
  label: string;
  blank: string;
  typed?: string;
}) {
  const { t } = p.ui;
  const key = p.townshipId === null ? 'county' : String(p.townshipId);
  const current = p.typed ?? (p.own === null ? '' : String(p.own));
  return (
    <form method="post" action="/plans/coverage" class="inline">
      <input type="hidden" name="townshipId" value={p.townshipId === null ? '' : String(p.townshipId)} />
      <select id={`months-${key}`} name="months" aria-label={t('coverage.period.of', { name: p.label })}>
        <option value="" selected={current === ''}>
          {p.blank}
        </option>
        {COVERAGE_MONTHS.map((m) => (
          <option value={String(m)} selected={current === String(m)}>
            {t('coverage.period.months', { months: m })}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary">
        {t('coverage.period.save')}
      </button>
    </form>
  );
}

/** The coverage period: how often an organisation or the station must visit each household, county and townships. */
export function CoveragePeriodsPage({ ui, settings, county, values, errors }: CoveragePeriodsProps) {
  const { t } = ui;
  const typedFor = (townshipId: number | null) =>
    values && String(values.townshipId ?? '') === (townshipId === null ? '' : String(townshipId))
      ? String(values.months ?? '')
      : undefined;
  const all: FieldErrors | undefined = errors ? { _form: errors.months ?? errors.townshipId ?? '' } : undefined;
  return (
    <Page ui={ui} title={t('coverage.period.title')}>
      <h1>{t('coverage.period.title')}</h1>
      <p>{t('coverage.period.intro')}</p>
      <FormErrors errors={all} message={t('form.invalid')} />
      <div class="table-wrap">
        <table class="striped" id="coverage-periods">
          <thead>
            <tr>
              <th>{t('coverage.period.where')}</th>
              <th>{t('coverage.period.applies')}</th>
              <th>{t('coverage.period.own')}</th>
            </tr>
          </thead>
          <tbody>
            <tr data-township="county">
              <td>{t('coverage.period.county')}</td>
              <td>{t('coverage.period.months', { months: settings.countyApplies })}</td>
              <td>
                {county ? (
                  <PeriodForm
                    ui={ui}
                    townshipId={null}
                    own={settings.county}
                    label={t('coverage.period.county')}
                    blank={t('coverage.period.default', { months: DEFAULT_COVERAGE_MONTHS })}
                    typed={typedFor(null)}
                  />
                ) : settings.county === null ? (
                  t('coverage.period.default', { months: DEFAULT_COVERAGE_MONTHS })
                ) : (
                  t('coverage.period.months', { months: settings.county })
                )}
              </td>
            </tr>
            {settings.townships.map((s) => (
              <tr data-township={String(s.id)}>
                <td>{s.name}</td>
                <td>{t('coverage.period.months', { months: s.applies })}</td>
                <td>
                  <PeriodForm
                    ui={ui}
                    townshipId={s.id}
                    own={s.own}
                    label={s.name}
                    blank={t('coverage.period.followCounty')}
                    typed={typedFor(s.id)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
