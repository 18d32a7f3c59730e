import { agreementStatus } from '../../../src/domain/agreement.js';
import { ADL_ITEMS } from '../../../src/domain/care-level.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { AidHistory } from '../../../src/modules/recipients/aid-history.js';
import type { AssessmentRow, AuditRow, RecipientDetail } from '../../../src/modules/recipients/queries.js';
import { Notice } from '../../components/form.js';
import { EditButton, PageHead } from '../../components/page-head.js';
import { Page } from '../../layouts/page.js';
import { AidHistorySection } from './aid-history.js';
import { AssessmentForm } from './assessment-form.js';

export interface RecipientDetailProps {
  ui: Ui;
  detail: RecipientDetail;
  assessments: AssessmentRow[];
  history: AuditRow[];
  /** Every visit, activity and line for the household, one page of it (`?history=`). */
  aid: AidHistory;
  aidPage: number;
  today: string;
  canEdit: boolean;
  canReveal: boolean;
  revealed?: { idNumber: string; caregiverMobile: string | null } | null;
  assessmentValues?: FormValues;
  assessmentErrors?: FieldErrors;
}

/** The sensitive pair, masked until an authorised viewer asks (a POST, audited). */
/** YYYY-MM-DD from a (revealed) 18-digit ID number. */
function birthDateOf(id: string) {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function RevealedFields({
  ui,
  detail,
  revealed,
  canReveal,
}: Pick<RecipientDetailProps, 'ui' | 'detail' | 'revealed' | 'canReveal'>) {
  const { t } = ui;
  const r = detail.recipient;
  return (
    <div id="sensitive">
      <dl class="facts">
        <dt>{t('recipients.idNumber')}</dt>
        <dd class="mono">{revealed ? revealed.idNumber : r.idNumberMasked}</dd>
        <dt>{t('recipients.birthDate')}</dt>
        {/* The birth date is the masked part of the ID number: it is shown only with the audited reveal. */}
        <dd class="mono">{revealed ? birthDateOf(revealed.idNumber) : '****-**-**'}</dd>
        <dt>{t('recipients.caregiverMobile')}</dt>
        <dd class="mono">{revealed ? (revealed.caregiverMobile ?? '—') : (r.caregiverMobileMasked ?? '—')}</dd>
      </dl>
      {revealed ? <Notice>{t('recipients.revealed')}</Notice> : null}
      {canReveal && !revealed ? (
        <form
          method="post"
          action={`/recipients/${r.id}/reveal`}
          hx-post={`/recipients/${r.id}/reveal`}
          hx-target="#sensitive"
          hx-swap="outerHTML"
        >
          <button type="submit" class="secondary outline small">
            {t('recipients.reveal')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function RecipientDetailPage(p: RecipientDetailProps) {
  const { t } = p.ui;
  const r = p.detail.recipient;
  const agreement = agreementStatus(r, p.today);
  return (
    <Page ui={p.ui} title={r.name}>
      <PageHead title={r.name}>
        {p.canEdit ? <EditButton href={`/recipients/${r.id}/edit`} label={t('common.edit')} /> : null}
      </PageHead>
      <article>
        <dl class="facts">
          <dt>{t('recipients.status')}</dt>
          <dd>
            {t(`recipients.status.${r.status}`)}
            {r.status === 'exited' ? ` · ${r.exitedOn ?? ''} · ${r.exitReason ?? ''}` : ''}
          </dd>
          <dt>{t('recipients.gender')}</dt>
          <dd>{t(`recipients.gender.${r.gender}`)}</dd>
          <dt>{t('recipients.village')}</dt>
          <dd>
            {p.detail.township} {p.detail.village ?? ''} {r.address ?? ''}
          </dd>
          <dt>{t('recipients.supportMode')}</dt>
          <dd>
            {t(`recipients.supportMode.${r.supportMode}`)}
            {p.detail.nursingHome ? ` · ${p.detail.nursingHome}` : ''}
          </dd>
          <dt>{t('recipients.careLevel')}</dt>
          <dd>{t(`recipients.careLevel.${r.careLevel}`)}</dd>
          <dt>{t('recipients.careNotes')}</dt>
          <dd>{r.careNotes ?? '—'}</dd>
          <dt>{t('recipients.caregiverName')}</dt>
          <dd>{r.caregiverName ?? '—'}</dd>
          <dt>{t('recipients.agreement')}</dt>
          <dd class={agreement === 'ok' ? '' : 'error'}>
            {r.agreementKind ? t(`recipients.agreement.${r.agreementKind}`) : ''} {r.agreementSignedOn ?? ''}
            {r.agreementEndsOn ? ` – ${r.agreementEndsOn}` : ''} · {t(`recipients.agreement.${agreement}`)}
          </dd>
        </dl>
        <RevealedFields ui={p.ui} detail={p.detail} revealed={p.revealed} canReveal={p.canReveal} />
      </article>

      <section>
        <h2>{t('recipients.assessments')}</h2>
        {p.assessments.length === 0 ? (
          <p class="muted">{t('recipients.noAssessments')}</p>
        ) : (
          <div class="table-wrap">
            <table class="striped">
              <thead>
                <tr>
                  <th>{t('recipients.assessedOn')}</th>
                  <th>{t('recipients.assessor')}</th>
                  <th>{t('recipients.unableItems')}</th>
                  <th>{t('recipients.careLevel')}</th>
                </tr>
              </thead>
              <tbody>
                {p.assessments.map((a) => (
                  <tr>
                    <td>{a.assessedOn}</td>
                    <td>{a.assessor}</td>
                    <td>
                      {ADL_ITEMS.filter((k) => a[k])
                        .map((k) => t(`recipients.adl.${k}`))
                        .join('、') || '—'}
                    </td>
                    <td>{t(`recipients.careLevel.${a.level}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {p.canEdit ? (
          <AssessmentForm ui={p.ui} recipientId={r.id} values={p.assessmentValues} errors={p.assessmentErrors} />
        ) : null}
      </section>

      <section>
        <hgroup class="page-head">
          <h2>{t('recipients.visits')}</h2>
          {p.canEdit && r.status === 'active' ? (
            <a href={`/visits/recipients/${r.id}/new`} role="button" class="secondary small">
              {t('visits.record.title', { name: r.name })}
            </a>
          ) : null}
        </hgroup>
        {p.canEdit && r.status === 'active' ? (
          <p>
            <a href={`/visits/recipients/${r.id}/requirements`}>{t('requirements.link')}</a>
          </p>
        ) : null}
      </section>

      <AidHistorySection
        ui={p.ui}
        history={p.aid}
        page={p.aidPage}
        link={(n) => `/recipients/${r.id}?history=${n}#aid-history`}
      />

      <section>
        <h2>{t('recipients.history')}</h2>
        <ul class="history">
          {p.history.map((h) => (
            <li>
              <time>{h.at.toISOString().slice(0, 16).replace('T', ' ')}</time> · {h.action}
              {h.changes ? ` · ${Object.keys(h.changes).join(', ')}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
