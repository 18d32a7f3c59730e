import type { Viewer } from './context.js';
import type { Locale, Translate } from './i18n/index.js';

/** What every page's layout needs: the language, the viewer, where we are, and a one-time message. */
export interface Ui {
  t: Translate;
  locale: Locale;
  viewer: Viewer | null;
  path: string;
  flash: string | null;
}
