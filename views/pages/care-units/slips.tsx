import { formatCode } from '../../../src/domain/activation-code.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { MemberLoginOutcome } from '../../../src/modules/care-units/logins.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

type Issued = Extract<MemberLoginOutcome, { kind: 'issued' }>;
type Skipped = Extract<MemberLoginOutcome, { kind: 'skipped' }>;

/**
 * The members' codes just issued, shown this once (only their hashes are kept): one slip per member, printed and
 * cut apart, with the login, the address and the steps; then who was left out and why.
 */
export function MemberSlipsPage(p: { ui: Ui; unitId: number; outcomes: MemberLoginOutcome[]; activateUrl: string }) {
  const { t } = p.ui;
  const issued = p.outcomes.filter((o): o is Issued => o.kind === 'issued');
  const skipped = p.outcomes.filter((o): o is Skipped => o.kind === 'skipped');
  const again = skipped.filter((o) => o.reason === 'hasLogin');
  return (
    <Page ui={p.ui} title={t('vols.slips.title')}>
      <div class="no-print">
        <h1>{t('vols.slips.title')}</h1>
        {issued.length ? (
          <>
            <Notice>{t('care.slips.once', { count: issued.length })}</Notice>
            <p>
              <button type="button" data-print>
                {t('vols.slips.print')}
              </button>
            </p>
          </>
        ) : null}
        {skipped.length ? (
          <section aria-labelledby="skipped">
            <h2 id="skipped">{t('care.slips.skipped')}</h2>
            <ul>
              {skipped.map((o) => (
                <li>
                  {o.member.name}：{t(`care.slips.reason.${o.reason}`)}
                </li>
              ))}
            </ul>
            {again.length ? (
              <form method="post" action={`/care-units/${p.unitId}/logins`}>
                {again.map((o) => (
                  <input type="hidden" name="ids" value={String(o.member.id)} />
                ))}
                <input type="hidden" name="reissue" value="1" />
                <button type="submit" class="secondary">
                  {t('care.slips.reissue', { count: again.length })}
                </button>
              </form>
            ) : null}
          </section>
        ) : null}
        <p>
          <a href={`/care-units/${p.unitId}`}>{t('care.title')}</a>
        </p>
      </div>
      {issued.map((o) => (
        <section class="slip" aria-label={o.member.name}>
          <h2>{t('care.slip.heading')}</h2>
          <dl class="facts">
            <dt>{t('care.member.name')}</dt>
            <dd class="slip-name">{o.member.name}</dd>
            <dt>{t('care.slip.login')}</dt>
            <dd class="mono slip-login">{o.login}</dd>
            <dt>{t('activate.code')}</dt>
            <dd class="mono slip-code">{formatCode(o.code)}</dd>
            <dt>{t('vols.slip.expires')}</dt>
            <dd>{o.expiresOn}</dd>
            <dt>{t('vols.slip.address')}</dt>
            <dd class="mono slip-url">{p.activateUrl}</dd>
          </dl>
          <p>{t('care.slip.steps')}</p>
          {o.texted ? <p class="no-print muted">{t('vols.slip.texted', { mobile: o.texted })}</p> : null}
        </section>
      ))}
    </Page>
  );
}
