import type { Child } from 'hono/jsx';
import { ASSETS } from '../../src/lib/assets.js';
import type { Ui } from '../../src/lib/ui.js';
import { navItems } from '../../src/modules/navigation/menu.js';
import { Notice } from '../components/form.js';

export interface PageProps {
  ui: Ui;
  title: string;
  children?: Child;
}

// history:false keeps htmx from touching history at all; CSP forbids inline script and eval, so
// swapped-in <script> and hx-on handlers cannot run.
const HTMX_CONFIG = JSON.stringify({ history: false, defaultTimeout: 30000 });

/** The page shell: language, navigation that folds into a menu on phones, flash message, content. */
export function Page({ ui, title, children }: PageProps) {
  const { t, locale, viewer } = ui;
  const otherLocale = locale === 'zh' ? 'en' : 'zh';
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="icon" href={ASSETS.favicon} type="image/svg+xml" />
        <link rel="stylesheet" href={ASSETS.pico} />
        <link rel="stylesheet" href={ASSETS.appCss} />
        <script src={ASSETS.htmx} defer></script>
        <script src={ASSETS.appJs} defer></script>
      </head>
      <body data-net-error={t('net.failed')}>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="container site-header">
          <nav>
            <ul>
              <li>
                <a href="/" class="brand">
                  <strong>{t('app.name')}</strong>
                </a>
              </li>
            </ul>
            <ul>
              {viewer ? (
                <li>
                  <details class="dropdown menu">
                    <summary>{t('nav.menu')}</summary>
                    <ul dir="rtl">
                      {navItems(viewer).map((item) => (
                        <li>
                          <a href={item.href} aria-current={ui.path === item.href ? 'page' : undefined}>
                            {t(item.label)}
                          </a>
                        </li>
                      ))}
                      <li>
                        <a href="/account">{t('nav.account')}</a>
                      </li>
                    </ul>
                  </details>
                </li>
              ) : null}
              <li>
                <form method="post" action="/lang" class="inline">
                  <input type="hidden" name="locale" value={otherLocale} />
                  <input type="hidden" name="back" value={ui.path} />
                  <button type="submit" class="secondary outline small" lang={otherLocale === 'zh' ? 'zh-CN' : 'en'}>
                    {t('nav.language')}
                  </button>
                </form>
              </li>
              {viewer ? (
                <li>
                  <form method="post" action="/logout" class="inline">
                    <button type="submit" class="contrast outline small">
                      {t('nav.logout')}
                    </button>
                  </form>
                </li>
              ) : null}
            </ul>
          </nav>
        </header>
        <main id="main" class="container">
          {ui.flash ? <Notice>{ui.flash}</Notice> : null}
          {children}
        </main>
        <footer class="container site-footer">
          <small>
            {t('app.name')} · {t('app.tagline')}
            {viewer ? ` · ${viewer.displayName} · ${t(`role.${viewer.role}`)}` : ''}
          </small>
        </footer>
      </body>
    </html>
  );
}
