import type { Child } from 'hono/jsx';
import { formatCode } from '../../../src/domain/activation-code.js';
import type { MessageKey } from '../../../src/lib/i18n/core.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

/** One code just issued: whose it is, the login it opens and how the slip shows that login. */
export interface IssuedSlip {
  name: string;
  login: string;
  loginClass: string;
  code: string;
  expiresOn: string;
  texted: string | null;
}

/** One person left out: how the page names them (plain or a link) and the reason's message. */
export interface SkippedSlip {
  who: Child;
  reason: MessageKey;
}

/** The words that differ between the volunteers' and the 守望之家 members' slips. */
export interface SlipWords {
  once: MessageKey;
  skipped: MessageKey;
  reissue: MessageKey;
  heading: MessageKey;
  name: MessageKey;
  login: MessageKey;
  steps: MessageKey;
}

export interface ActivationSlipsProps {
  ui: Ui;
  words: SlipWords;
  issued: IssuedSlip[];
  skipped: SkippedSlip[];
  /** Where to issue again the codes of those who already had a login, and their ids. */
  reissue: { action: string; ids: number[] };
  back: { href: string; label: string };
  activateUrl: string;
}

/**
 * The activation codes just issued, shown this once (only their hashes are kept): a screen part with what was done
 * and who was left out, then one slip per person, printed and cut apart, with the login, the address and the steps.
 */
export function ActivationSlipsPage(p: ActivationSlipsProps) {
  const { t } = p.ui;
  return (
    <Page ui={p.ui} title={t('vols.slips.title')}>
      <div class="no-print">
        <h1>{t('vols.slips.title')}</h1>
        {p.issued.length ? (
          <>
            <Notice>{t(p.words.once, { count: p.issued.length })}</Notice>
            <p>
              <button type="button" data-print>
                {t('vols.slips.print')}
              </button>
            </p>
          </>
        ) : null}
        {p.skipped.length ? <Skipped {...p} /> : null}
        <p>
          <a href={p.back.href}>{p.back.label}</a>
        </p>
      </div>
      {p.issued.map((o) => (
        <section class="slip" aria-label={o.name}>
          <h2>{t(p.words.heading)}</h2>
          <dl class="facts">
            <dt>{t(p.words.name)}</dt>
            <dd class="slip-name">{o.name}</dd>
            <dt>{t(p.words.login)}</dt>
            <dd class={o.loginClass}>{o.login}</dd>
            <dt>{t('activate.code')}</dt>
            <dd class="mono slip-code">{formatCode(o.code)}</dd>
            <dt>{t('vols.slip.expires')}</dt>
            <dd>{o.expiresOn}</dd>
            <dt>{t('vols.slip.address')}</dt>
            <dd class="mono slip-url">{p.activateUrl}</dd>
          </dl>
          <p>{t(p.words.steps)}</p>
          {o.texted ? <p class="no-print muted">{t('vols.slip.texted', { mobile: o.texted })}</p> : null}
        </section>
      ))}
    </Page>
  );
}

/** Who was left out and why, with one button to issue new codes to those who already had a login. */
function Skipped(p: ActivationSlipsProps) {
  const { t } = p.ui;
  const again = p.reissue.ids;
  return (
    <section aria-labelledby="skipped">
      <h2 id="skipped">{t(p.words.skipped)}</h2>
      <ul>
        {p.skipped.map((o) => (
          <li>
            {o.who}：{t(o.reason)}
          </li>
        ))}
      </ul>
      {again.length ? (
        <form method="post" action={p.reissue.action}>
          {again.map((id) => (
            <input type="hidden" name="ids" value={String(id)} />
          ))}
          <input type="hidden" name="reissue" value="1" />
          <button type="submit" class="secondary">
            {t(p.words.reissue, { count: again.length })}
          </button>
        </form>
      ) : null}
    </section>
  );
}
