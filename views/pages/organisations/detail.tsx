import { nextStages } from '../../../src/domain/incubation.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { IncubationEventRow, OrganisationRecord } from '../../../src/modules/organisations/queries.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { EditButton, PageHead } from '../../components/page-head.js';
import { Page } from '../../layouts/page.js';

export interface OrganisationDetailProps {
  ui: Ui;
  o: OrganisationRecord;
  township: string | null;
  volunteers: number;
  history: IncubationEventRow[];
  canManage: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}

export function OrganisationDetailPage(p: OrganisationDetailProps) {
  const { t } = p.ui;
  const o = p.o;
  return (
    <Page ui={p.ui} title={o.name}>
      <PageHead title={o.name}>
        {p.canManage ? <EditButton href={`/organisations/${o.id}/edit`} label={t('common.edit')} /> : null}
      </PageHead>
      <article>
        <dl class="facts">
          <dt>{t('orgs.kind')}</dt>
          <dd>
            {t(`orgs.kind.${o.kind}`)}
            {o.regional ? ` · ${t('orgs.regional')}` : ''}
          </dd>
          <dt>{t('orgs.township')}</dt>
          <dd>{p.township ?? '—'}</dd>
          {o.kind === 'nursing_home' ? (
            <>
              <dt>{t('orgs.beds')}</dt>
              <dd>{o.beds ?? '—'}</dd>
            </>
          ) : null}
          <dt>{t('orgs.creditCode')}</dt>
          <dd class="mono">{o.creditCode ?? '—'}</dd>
          <dt>{t('orgs.contactName')}</dt>
          <dd>
            {o.contactName ?? '—'} {o.contactPhone ?? ''}
          </dd>
          <dt>{t('orgs.volunteers')}</dt>
          <dd>{p.volunteers}</dd>
          {o.kind === 'social_org' ? (
            <>
              <dt>{t('orgs.stage')}</dt>
              <dd>
                {o.incubationStage ? t(`orgs.stage.${o.incubationStage}`) : '—'} {o.incubationYear ?? ''}
              </dd>
            </>
          ) : null}
        </dl>
        <p>
          <a href={`/activities?organisationId=${o.id}`}>{t('nav.activities')}</a>
        </p>
      </article>
      {o.kind === 'social_org' ? (
        <section>
          <h2>{t('orgs.stageHistory')}</h2>
          <ul>
            {p.history.map((h) => (
              <li>
                {h.on} · {t(`orgs.stage.${h.stage}`)}
                {h.note ? ` · ${h.note}` : ''}
              </li>
            ))}
          </ul>
          {p.canManage && nextStages(o.incubationStage).length > 0 ? (
            <details open={!!p.errors}>
              <summary>{t('orgs.changeStage')}</summary>
              <FormErrors errors={p.errors} message={t('form.invalid')} />
              <form method="post" action={`/organisations/${o.id}/stage`}>
                <div class="grid">
                  <Select
                    name="stage"
                    label={t('orgs.stage')}
                    values={p.values}
                    errors={p.errors}
                    required
                    options={nextStages(o.incubationStage).map((s) => ({ value: s, label: t(`orgs.stage.${s}`) }))}
                  />
                  <Field name="on" type="date" label={t('orgs.stageOn')} values={p.values} errors={p.errors} required />
                  <Field name="note" label={t('orgs.note')} values={p.values} errors={p.errors} maxlength={200} />
                </div>
                <button type="submit">{t('common.save')}</button>
              </form>
            </details>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
