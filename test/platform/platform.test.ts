import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { townships } from '../../src/db/schema/index.js';
import { ASSET_VERSIONS } from '../../src/lib/assets.js';
import { Browser, createTestApp, loginAs, ORIGIN, PASSWORD, type TestApp } from '../setup/app.js';
import { ROOT } from '../setup/paths.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('security headers', () => {
  it('are on a 200 page, a 404 page and a 500 page, with no stack trace shown', async () => {
    t.app.get('/explode', () => {
      throw new Error('kaboom at /secret/path.ts:42');
    });
    const admin = await loginAs(t, 'county_admin');
    const ok = await admin.browser.get('/');
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok);

    const missing = await admin.browser.get('/no/such/page');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    expect(await missing.text()).toContain('页面不存在');

    const boom = await admin.browser.get('/explode');
    expect(boom.status).toBe(500);
    expectSecurityHeaders(boom);
    const html = await boom.text();
    expect(html).toContain('服务器出错了');
    expect(html).not.toContain('kaboom');
    const logged = t.logger.lines.find((l) => l.event === 'request_failed');
    expect(logged).toMatchObject({ level: 'error', path: '/explode', message: 'kaboom at /secret/path.ts:42' });
  });

  it('are on anonymous redirects and htmx partial responses too', async () => {
    const res = await new Browser(t).get('/');
    expect(res.status).toBe(302);
    expectSecurityHeaders(res);
    // The recipients search answers an htmx request with the results fragment alone: no page around it.
    const admin = (await loginAs(t, 'county_admin', { username: 'partial' })).browser;
    const partial = await admin.get('/recipients?q=张', { 'HX-Request': 'true' });
    expect(partial.status).toBe(200);
    const html = await partial.text();
    expect(html).not.toContain('<!DOCTYPE html>');
    expect(html).not.toContain('<nav');
    expectSecurityHeaders(partial);
    const full = await (await admin.get('/recipients?q=张')).text();
    expect(full.startsWith('<!DOCTYPE html>')).toBe(true);
  });
});

describe('health', () => {
  it('answers 200 with the database reachable and 503 when it is not', async () => {
    const ok = await t.app.request(`${ORIGIN}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    t.database.close();
    const down = await t.app.request(`${ORIGIN}/healthz`);
    expect(down.status).toBe(503);
  });
});

describe('language', () => {
  it('defaults to Chinese, switches to English and remembers it, on the browser and on the account', async () => {
    const admin = await loginAs(t, 'county_admin', { username: 'admin' });
    const zh = await admin.browser.get('/');
    expect(await zh.text()).toContain('<html lang="zh-CN">');
    const sw = await admin.browser.post('/lang', { locale: 'en', back: '/' });
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/');
    const en = await (await admin.browser.get('/')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Hello, ');
    // A new browser without the cookie gets the account's language after login.
    const phone = new Browser(t);
    expect(await (await phone.get('/login')).text()).toContain('<html lang="zh-CN">');
    await phone.post('/login', { username: 'admin', password: PASSWORD });
    expect(await (await phone.get('/')).text()).toContain('<html lang="en">');
  });

  it('shows form errors in English once switched', async () => {
    const b = new Browser(t);
    await b.post('/lang', { locale: 'en', back: '/setup' });
    const res = await b.post('/setup', { displayName: '', username: 'ab', password: 'x', passwordConfirm: 'x' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('This field is required.');
    expect(html).toContain('The password needs at least 8 characters.');
  });
});

describe('concurrent writes', () => {
  it('lets 50 concurrent writes through the app database all succeed', async () => {
    const db = t.database.db;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        db.batch([
          db.insert(townships).values({ name: `乡镇${i}`, createdAt: new Date() }),
          db.select().from(townships).limit(1),
        ]),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await db.$count(townships)).toBe(50);
  });
});

describe('static assets', () => {
  it('pins asset paths to the installed package versions', () => {
    const version = (pkg: string) =>
      JSON.parse(readFileSync(resolve(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    expect(ASSET_VERSIONS.htmx).toBe(version('htmx.org'));
    expect(ASSET_VERSIONS.pico).toBe(version('@picocss/pico'));
  });
});
