import { formatCode } from '../../../src/domain/activation-code.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { LoginOutcome } from '../../../src/modules/volunteers/logins.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

type Issued = Extract<LoginOutcome, { kind: 'issued' }>;
type Skipped = Extract<LoginOutcome, { kind: 'skipped' }>;

/**
 * The codes just issued, shown this once (only their hashes are kept): one slip per volunteer, printed and cut
 * apart, with the address to open and the steps; then who was left out and why.
 */
export function LoginSlipsPage({
  ui,
  outcomes,
  activateUrl,
}: {
  ui: Ui;
  outcomes: LoginOutcome[];
  activateUrl: string;
}) {
  const { t } = ui;
  const issued = outcomes.filter((o): o is Issued => o.kind === 'issued');
  const skipped = outcomes.filter((o): o is Skipped => o.kind === 'skipped');
  const again = skipped.filter((o) => o.reason === 'hasLogin');
  return (
    <Page ui={ui} title={t('vols.slips.title')}>
      <div class="no-print">
        <h1>{t('vols.slips.title')}</h1>
        {issued.length ? (
          <>
            <Notice>{t('vols.slips.once', { count: issued.length })}</Notice>
            <p>
              <button type="button" data-print>
                {t('vols.slips.print')}
              </button>
            </p>
          </>
        ) : null}
        {skipped.length ? (
          <section aria-labelledby="skipped">
            <h2 id="skipped">{t('vols.slips.skipped')}</h2>
            <ul>
              {skipped.map((o) => (
                <li>
                  <a href={`/volunteers/${o.volunteer.id}`}>{o.volunteer.name}</a>：{t(`vols.slips.reason.${o.reason}`)}
                </li>
              ))}
            </ul>
            {again.length ? (
              <form method="post" action="/volunteers/logins">
                {again.map((o) => (
                  <input type="hidden" name="ids" value={String(o.volunteer.id)} />
                ))}
                <input type="hidden" name="reissue" value="1" />
                <button type="submit" class="secondary">
                  {t('vols.slips.reissue', { count: again.length })}
                </button>
              </form>
            ) : null}
          </section>
        ) : null}
        <p>
          <a href="/volunteers">{t('vols.title')}</a>
        </p>
      </div>
      {issued.map((o) => (
        <section class="slip" aria-label={o.volunteer.name}>
          <h2>{t('vols.slip.heading')}</h2>
          <dl class="facts">
            <dt>{t('vols.name')}</dt>
            <dd class="slip-name">{o.volunteer.name}</dd>
            <dt>{t('vols.slip.login')}</dt>
            <dd class="mono">{o.volunteer.mobileMasked}</dd>
            <dt>{t('activate.code')}</dt>
            <dd class="mono slip-code">{formatCode(o.code)}</dd>
            <dt>{t('vols.slip.expires')}</dt>
            <dd>{o.expiresOn}</dd>
            <dt>{t('vols.slip.address')}</dt>
            <dd class="mono slip-url">{activateUrl}</dd>
          </dl>
          <p>{t('vols.slip.steps')}</p>
          {o.texted ? <p class="no-print muted">{t('vols.slip.texted', { mobile: o.texted })}</p> : null}
        </section>
      ))}
    </Page>
  );
}
