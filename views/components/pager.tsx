import type { Translate } from '../../src/lib/i18n/index.js';

/** Previous / next links that keep the current filters; plain links, so they work without JavaScript. */
export function Pager({
  t,
  base,
  params,
  page,
  pages,
}: {
  t: Translate;
  base: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pages: number;
}) {
  if (pages <= 1) return null;
  const href = (p: number) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && k !== 'page') qs.set(k, String(v));
    qs.set('page', String(p));
    return `${base}?${qs}`;
  };
  return (
    <nav class="pager" aria-label="pagination">
      {page > 1 ? <a href={href(page - 1)}>{t('common.previous')}</a> : <span />}
      <span>
        {t('common.page', { page })} / {pages}
      </span>
      {page < pages ? <a href={href(page + 1)}>{t('common.next')}</a> : <span />}
    </nav>
  );
}
