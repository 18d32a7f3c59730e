import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';

/** Each year's admissions to the incubation centre against the yearly target. */
export function IntakePage({
  ui,
  rows,
  target,
}: {
  ui: Ui;
  rows: { year: number | null; count: number }[];
  target: number;
}) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('orgs.intake')}>
      <h1>{t('orgs.intake')}</h1>
      <p>{t('orgs.intakeIntro', { target })}</p>
      <table class="striped" id="intake">
        <thead>
          <tr>
            <th>{t('orgs.intakeYear')}</th>
            <th>{t('orgs.intakeCount')}</th>
            <th>{t('orgs.intakeTarget')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.year}</td>
              <td>{r.count}</td>
              <td>{target}</td>
              <td class={r.count >= target ? '' : 'error'}>
                {r.count >= target ? t('orgs.intakeMet') : t('orgs.intakeShort', { count: target - r.count })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
