import { beforeEach, describe, expect, it } from 'vitest';
import { Browser, createTestApp, loginAs, PASSWORD, type TestApp } from '../setup/app.js';

// Redirect targets that a browser resolves off-site must never leave /login or /lang.
const HOSTILE = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '//evil.example',
  'https://evil.example/',
  '/\u0000/evil.example',
];

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await loginAs(t, 'county_admin', { username: 'admin' });
});

function offSite(location: string | null) {
  return new URL(location ?? '', 'http://localhost').origin !== 'http://localhost';
}

describe('redirect targets', () => {
  it('sends a login with a hostile next to the home page, and a plain one where it asked', async () => {
    for (const next of HOSTILE) {
      const res = await new Browser(t).post('/login', { username: 'admin', password: PASSWORD, next });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(offSite(res.headers.get('location')), JSON.stringify(next)).toBe(false);
      expect(res.headers.get('location'), JSON.stringify(next)).toBe('/');
    }
    const ok = await new Browser(t).post('/login', { username: 'admin', password: PASSWORD, next: '/shifts?day=1#x' });
    expect(ok.headers.get('location')).toBe('/shifts?day=1#x');
  });

  it('does not carry the reported /login?next=%2F%09%2Fevil.example into the login form', async () => {
    const page = await new Browser(t).get('/login?next=%2F%09%2Fevil.example');
    const html = await page.text();
    expect(html).not.toContain('evil.example');
  });

  it('sends /lang back only to a path on this site', async () => {
    for (const back of HOSTILE) {
      const res = await new Browser(t).post('/lang', { locale: 'en', back });
      expect(res.status, JSON.stringify(back)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(back)).toBe('/');
    }
    const ok = await new Browser(t).post('/lang', { locale: 'en', back: '/volunteers?status=pending' });
    expect(ok.headers.get('location')).toBe('/volunteers?status=pending');
  });
});
