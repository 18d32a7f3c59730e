import { raw } from 'hono/html';
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

// The shell around a page's content, as two strings, by everything it shows: language, title, path, the viewer's
// menu and name. Rendered once and reused (the same for every request of a page, a tenth of a volunteer page's
// CPU, decision 0245); a full map is dropped whole, like the shift cards'.
const CACHED_FRAMES = 2000;
const frames = new Map<string, readonly [string, string]>();
// Where the content goes: unguessable, so no title or name can hold it. Made on first use: Workers refuse random
// values at load time.
let marker: string | undefined;
const contentMarker = () => {
  marker ??= `\u0000${crypto.randomUUID()}\u0000`;
  return marker;
};

/** The page shell: language, navigation that folds into a menu on phones, flash message, content. */
export function Page({ ui, title, children }: PageProps) {
  const { viewer } = ui;
  const menu = viewer ? navItems(viewer).map((item) => `${item.href} ${item.label}`) : [];
  const key = [ui.locale, title, ui.path, viewer?.displayName, viewer?.role, ...menu].join('\u0001');
  let frame = frames.get(key);
  if (!frame) {
    const html = String(<Frame ui={ui} title={title} />);
    const at = html.indexOf(contentMarker());
    frame = [html.slice(0, at), html.slice(at + contentMarker().length)] as const;
    if (frames.size >= CACHED_FRAMES) frames.clear();
    frames.set(key, frame);
  }
  const content = String(
    <>
      {ui.flash ? <Notice>{ui.flash}</Notice> : null}
      {children}
    </>,
  );
  return raw(frame[0] + content + frame[1]);
}

/** The shell itself, with a marker where the content goes. */
function Frame({ ui, title }: Omit<PageProps, 'children'>) {
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
          {raw(contentMarker())}
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
