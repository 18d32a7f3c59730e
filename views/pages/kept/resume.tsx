import type { Ui } from '../../../src/lib/ui.js';
import type { KeptForm } from '../../../src/modules/kept/service.js';
import type { KeptSummary } from '../../../src/modules/kept/summary.js';
import { Page } from '../../layouts/page.js';

/** The kept form, filled as it was posted, to be sent again by the user who typed it. */
export function ResumePage({ ui, kept, summary }: { ui: Ui; kept: KeptForm | null; summary?: KeptSummary }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('kept.title')}>
      <h1>{t('kept.title')}</h1>
      {kept ? (
        <form method="post" action={kept.path} class="narrow">
          <p>{t('kept.lead')}</p>
          {summary ? <KeptFacts ui={ui} summary={summary} /> : null}
          {kept.fields.map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit">{t('kept.send')}</button>
          <p>
            <a href="/">{t('kept.discard')}</a>
          </p>
        </form>
      ) : (
        <>
          <p>{t('kept.none')}</p>
          <p>
            <a href="/">{t('kept.home')}</a>
          </p>
        </>
      )}
    </Page>
  );
}

/** Which form was kept, for which household, and when it was typed: read before sending it again. */
function KeptFacts({ ui, summary }: { ui: Ui; summary: KeptSummary }) {
  const { t } = ui;
  return (
    <dl class="kept-summary">
      <dt>{t('kept.form')}</dt>
      <dd>{t(`kept.form.${summary.form}`)}</dd>
      {summary.household ? (
        <>
          <dt>{t('kept.household')}</dt>
          <dd>{summary.household}</dd>
        </>
      ) : null}
      {summary.outcome ? (
        <>
          <dt>{t('visits.record.outcome')}</dt>
          <dd>{t(`visitOutcome.${summary.outcome}`)}</dd>
        </>
      ) : null}
      <dt>{t('kept.when')}</dt>
      <dd>{t('kept.at', { date: summary.date, time: summary.time })}</dd>
    </dl>
  );
}
