import { eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, users, volunteers } from '../../src/db/schema/index.js';
import { PRIVACY_NOTICE_VERSION } from '../../src/modules/volunteers/schema.js';
import { Browser, createTestApp, type TestApp } from '../setup/app.js';
import { mobileHash } from '../setup/mobiles.js';
import { type RegistryFixture, registryFixture } from '../setup/registry.js';

// /join shows a privacy notice and takes an explicit consent, stored with its version;
// ids that name nothing are a 422 with a message, not a 500.
let t: TestApp;
let f: RegistryFixture;
beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
});

const signUp = (overrides: Record<string, string> = {}) => ({
  name: '何志愿',
  mobile: '13700005555',
  townshipId: String(f.x.id),
  availability: 'service_days',
  password: 'a long password',
  privacyConsent: 'on',
  ...overrides,
});

const written = async () => ({
  volunteers: await t.database.db.$count(volunteers),
  users: await t.database.db.$count(users),
});

describe('/join privacy notice and consent', () => {
  it('shows the notice, its version and an unticked consent box, in Chinese and English', async () => {
    const page = parse(await (await new Browser(t).get('/join')).text());
    expect(page.querySelector('fieldset.privacy-notice legend')?.text).toBe('个人信息处理告知');
    expect(page.querySelector('#privacy-notice')?.text).toContain('手机号加密保存');
    expect(page.text).toContain(PRIVACY_NOTICE_VERSION);
    const box = page.querySelector('input[name=privacyConsent]');
    expect(box?.getAttribute('type')).toBe('checkbox');
    expect(box?.hasAttribute('checked')).toBe(false);
    expect(box?.hasAttribute('required')).toBe(true);
    const en = new Browser(t);
    en.cookies.set('sw_lang', 'en');
    expect(await (await en.get('/join')).text()).toContain('How we handle your personal information');
  });

  it('refuses a sign-up without consent with 422 and a message, writing nothing', async () => {
    const before = await written();
    for (const consent of [undefined, '', '0']) {
      const form = signUp();
      if (consent === undefined) delete (form as Record<string, string>).privacyConsent;
      else form.privacyConsent = consent;
      const res = await new Browser(t).post('/join', form);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('请阅读个人信息处理告知并勾选同意后再提交。');
    }
    expect(await written()).toEqual(before);
  });

  it('stores the consent with its version and time, and audits it', async () => {
    const res = await new Browser(t).post('/join', signUp());
    expect(res.status).toBe(200);
    const v = await t.database.db
      .select()
      .from(volunteers)
      .where(eq(volunteers.mobileHash, mobileHash('13700005555')))
      .get();
    expect(v!.consentVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(v!.consentAt?.getTime()).toBe(t.clock.now().getTime());
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'join')).get();
    expect(audit!.changes).toMatchObject({ consentVersion: PRIVACY_NOTICE_VERSION });
  });

  it('answers a township or organisation that does not exist with 422 and a message, writing nothing', async () => {
    const before = await written();
    const township = await new Browser(t).post('/join', signUp({ townshipId: '999999' }));
    expect(township.status).toBe(422);
    expect(await township.text()).toContain('请选择有效的乡镇。');
    const organisation = await new Browser(t).post('/join', signUp({ organisationId: '999999' }));
    expect(organisation.status).toBe(422);
    expect(await organisation.text()).toContain('请选择有效的组织。');
    expect(await written()).toEqual(before);
  });
});
