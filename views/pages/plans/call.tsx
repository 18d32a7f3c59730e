import type { Ui } from '../../../src/lib/ui.js';
import type { Household } from '../../../src/modules/plans/queries.js';
import { Page } from '../../layouts/page.js';

export interface CallProps {
  ui: Ui;
  h: Household;
  mobile: string;
}

/**
 * The answer to the audited "call" POST: a tappable tel: link. A link is a navigation the user starts, which the
 * CSP's form-action does not govern (a 303 to tel: is the form's action and was blocked: decision 0160).
 */
export function CallPage({ ui, h, mobile }: CallProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('call.title')}>
      <h1>{t('call.title')}</h1>
      <p>{t('call.lead')}</p>
      <p>
        <a href={`tel:${mobile}`} role="button" class="call">
          {t('call.link', { name: h.caregiverName ?? '', mobile })}
        </a>
      </p>
      <p>
        <a href={`/visits/today?date=${h.date}`}>{t('call.back')}</a>
      </p>
    </Page>
  );
}
