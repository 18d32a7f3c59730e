import { businessDate } from '../../../src/domain/dates.js';
import { formatHundredths, formatYuanGrouped } from '../../../src/domain/money.js';
import type { FieldErrors } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { ActivityDetail } from '../../../src/modules/ledger/queries.js';
import { Page } from '../../layouts/page.js';

/** An activity, its targets and its ledger lines, reversals beside the lines they reverse. */
export function ActivityDetailPage({
  ui,
  detail,
  canReverse,
  errors,
}: {
  ui: Ui;
  detail: ActivityDetail;
  canReverse: boolean;
  errors?: FieldErrors;
}) {
  const { t } = ui;
  const { activity: a, targets, lines, voided } = detail;
  const reversed = new Set(lines.map((l) => l.reversesLineId).filter((x): x is number => x !== null));
  return (
    <Page ui={ui} title={t('activities.detail')}>
      <h1>{`${t(`activity.kind.${a.kind}`)} · ${a.occurredOn}${voided ? ` · ${t('activity.voided')}` : ''}`}</h1>
      {voided ? (
        <p class="notice" id="voided">
          {t('activity.voidedOn', { date: businessDate(voided.at), reason: voided.reason })}
        </p>
      ) : null}
      <dl>
        <dt>{t('activities.organisation')}</dt>
        <dd>
          <a href={`/activities?organisationId=${a.organisationId}`}>{a.organisation}</a>
        </dd>
        <dt>{t('activities.township')}</dt>
        <dd>{a.township ?? ''}</dd>
        <dt>{t('activities.targets')}</dt>
        <dd>
          <ul>
            {targets.map((x) =>
              x.recipientId ? (
                <li>
                  <a href={`/activities?recipientId=${x.recipientId}`}>{`${x.recipient} · ${x.masked}`}</a>
                </li>
              ) : (
                <li>{x.nursingHome}</li>
              ),
            )}
          </ul>
        </dd>
        {a.note ? (
          <>
            <dt>{t('activities.note')}</dt>
            <dd>{a.note}</dd>
          </>
        ) : null}
      </dl>
      {errors?._form ? (
        <p role="alert" class="error">
          {errors._form}
        </p>
      ) : null}
      <h2>{t('activities.lines')}</h2>
      <div class="table-wrap">
        <table class="striped" id="lines">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('activities.kind')}</th>
              <th>
                {t('line.goodsName')} / {t('line.serviceKind')}
              </th>
              <th class="num">{t('line.amount')}</th>
              <th class="num">{t('line.hours')}</th>
              <th>{t('line.source')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr>
                <td>{l.id}</td>
                <td>
                  {t(`line.kind.${l.kind}`)}
                  {l.reversesLineId ? ` · ${t('activities.reversalOf', { id: l.reversesLineId })}` : ''}
                </td>
                <td>
                  {l.kind === 'goods'
                    ? `${l.goodsName ?? ''} ${l.quantity ?? ''}${l.unit ?? ''}`
                    : (l.serviceKind ?? '')}
                  {l.reason ? ` (${l.reason})` : ''}
                </td>
                <td class="num">{l.kind === 'service' ? '' : formatYuanGrouped(l.amountFen)}</td>
                <td class="num">{l.kind === 'service' ? formatHundredths(l.serviceCentihours) : ''}</td>
                <td>{t(`fundingSource.${l.fundingSource ?? 'unspecified'}`)}</td>
                <td>
                  {reversed.has(l.id) ? (
                    t('activities.reversed')
                  ) : canReverse && !voided && l.reversesLineId === null ? (
                    <form method="post" action={`/activities/${a.id}/lines/${l.id}/reverse`} class="inline">
                      <label>
                        {t('activities.reason')}
                        <input name="reason" maxlength={200} required />
                      </label>
                      {l.kind === 'service' ? null : (
                        <label>
                          {t('activities.replacement')}
                          <input name="replacement" inputmode="decimal" />
                        </label>
                      )}
                      <button type="submit" class="secondary outline small">
                        {t('activities.reverse')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canReverse && !voided ? (
        <form method="post" action={`/activities/${a.id}/void`} id="void-form">
          <h2>{t('activity.void')}</h2>
          <p>{t('activity.voidHint')}</p>
          <label>
            {t('activity.voidReason')}
            <input name="reason" maxlength={200} required />
          </label>
          <div class="grid">
            <button type="submit" class="secondary">
              {t('activity.voidSubmit')}
            </button>
            <button type="submit" name="next" value="again" class="secondary outline">
              {t('activity.reRecord')}
            </button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
