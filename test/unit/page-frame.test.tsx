import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/lib/context.js';
import { type Locale, translator } from '../../src/lib/i18n/index.js';
import type { Ui } from '../../src/lib/ui.js';
import { Page } from '../../views/layouts/page.js';

// The page shell is rendered once per (language, title, path, menu, viewer's name and role) and reused (decision
// 0245): whatever differs between two requests must still differ on the page, and nothing of one reach the other.
const viewer = (displayName: string, role: Viewer['role'] = 'volunteer'): Viewer => ({
  id: 1,
  username: displayName,
  displayName,
  role,
  townshipId: 1,
  organisationId: null,
  locale: 'zh',
});
const ui = (v: Viewer | null, o: { path?: string; flash?: string | null; locale?: Locale } = {}): Ui => ({
  t: translator(o.locale ?? 'zh'),
  locale: o.locale ?? 'zh',
  viewer: v,
  path: o.path ?? '/shifts',
  flash: o.flash ?? null,
});
const page = (u: Ui, body: string, title = '服务班次') =>
  parse(
    String(
      <Page ui={u} title={title}>
        <p id="body">{body}</p>
      </Page>,
    ),
  );

describe('the page shell', () => {
  it('keeps each request its own: content, flash, viewer, path, language, menu and title', () => {
    const a = page(ui(viewer('小王')), '甲');
    const b = page(ui(viewer('小李')), '乙');
    expect(a.querySelector('#body')?.text).toBe('甲');
    expect(b.querySelector('#body')?.text).toBe('乙');
    expect(a.querySelector('footer')?.text).toContain('小王');
    expect(b.querySelector('footer')?.text).toContain('小李');
    expect(b.querySelector('footer')?.text).not.toContain('小王');

    // A flash is shown once, on its own request only, inside the content.
    const flashed = page(ui(viewer('小王'), { flash: '报名成功' }), '甲');
    expect(flashed.querySelector('main .alert, main [role=status]')?.text).toContain('报名成功');
    expect(page(ui(viewer('小王')), '甲').toString()).not.toContain('报名成功');

    // Where the viewer is: the menu marks it and the language switch comes back to it.
    const mine = page(ui(viewer('小王'), { path: '/shifts/mine' }), '甲');
    expect(mine.querySelector('a[aria-current=page]')?.getAttribute('href')).toBe('/shifts/mine');
    expect(a.querySelector('a[aria-current=page]')?.getAttribute('href')).toBe('/shifts');
    expect(mine.querySelector('input[name=back]')?.getAttribute('value')).toBe('/shifts/mine');

    // Another role has another menu; another language another text; another title another <title>.
    const staff = page(ui(viewer('小王', 'station_staff')), '甲');
    expect(staff.querySelectorAll('nav a').length).toBeGreaterThan(a.querySelectorAll('nav a').length);
    const en = page(ui(viewer('小王'), { locale: 'en' }), '甲');
    expect(en.querySelector('html')?.getAttribute('lang')).toBe('en');
    expect(en.querySelector('summary')?.text).toBe(translator('en')('nav.menu'));
    expect(page(ui(viewer('小王')), '甲', '我的班次').querySelector('title')?.text).toContain('我的班次');

    // No viewer (a public page): no menu, no logout, no name.
    const open = page(ui(null, { path: '/join' }), '丙');
    expect(open.querySelector('details.menu')).toBeNull();
    expect(open.querySelector('form[action="/logout"]')).toBeNull();
    expect(open.querySelector('#body')?.text).toBe('丙');
  });

  it('renders the same bytes from the cache as the first time', () => {
    const first = page(ui(viewer('小张'), { path: '/visits/today' }), '丁').toString();
    const again = page(ui(viewer('小张'), { path: '/visits/today' }), '丁').toString();
    expect(again).toBe(first);
    expect(first.match(/<main/g)).toHaveLength(1);
    expect(first).not.toContain('\u0000');
  });
});
