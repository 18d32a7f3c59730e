import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createTestApp, type TestApp } from '../setup/app.js';
import { type RoleName, roleBrowsers } from '../setup/registry.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

// The volunteer's shift cards are rendered once per (language, row) and reused: every write that changes what a
// card shows must show on the very next request, on the list and on the home, for the volunteer and for others.

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  as = await roleBrowsers(t, f);
});

const card = async (b: Browser, path: string, id: number) => {
  const page = parse(await (await b.get(path)).text());
  const el = page.querySelector(`#shift-${id}`);
  return el
    ? {
        title: el.querySelector('header strong')?.text,
        places: el.querySelectorAll('small').at(-1)?.text,
        status: el.querySelector('.status')?.text ?? null,
        button: el.querySelector('button')?.text,
      }
    : null;
};

describe("the volunteer's cached shift cards", () => {
  it('show a sign-up, a cancel and an edit on the next request, on the list and the home', async () => {
    const shift = await addShift(t, f, { capacity: 1, title: '上午入户走访' });
    const a = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小王' });
    const b = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小李' });
    const list = (v: typeof a) => card(v.browser!, '/shifts', shift.id);
    const home = (v: typeof a) => card(v.browser!, '/', shift.id);

    expect(await list(a)).toEqual({ title: '上午入户走访', places: '已报 0/1，候补 0', status: null, button: '报名' });
    expect((await home(a))?.places).toBe('已报 0/1，候补 0');
    expect(await list(b)).toEqual(await list(a));

    // B takes the only place: A's next list shows it full, with the waitlist offered.
    expect((await b.browser!.post(`/shifts/${shift.id}/signup`, {}, { 'HX-Request': 'true' })).status).toBe(200);
    expect(await list(a)).toEqual({
      title: '上午入户走访',
      places: '已报 1/1，候补 0',
      status: null,
      button: '已满，加入候补',
    });
    expect((await home(a))?.button).toBe('已满，加入候补');
    expect(await list(b)).toMatchObject({ places: '已报 1/1，候补 0', status: '已报名', button: '取消报名' });
    // The home offers only shifts not taken: B's no longer lists it.
    expect(await home(b)).toBeNull();

    // A joins the waitlist, B cancels: A is promoted, and both lists say so at once.
    expect(
      (await a.browser!.post(`/shifts/${shift.id}/signup`, { waitlist: '1' }, { 'HX-Request': 'true' })).status,
    ).toBe(200);
    expect(await list(b)).toMatchObject({ places: '已报 1/1，候补 1' });
    expect((await b.browser!.post(`/shifts/${shift.id}/cancel`, {}, { 'HX-Request': 'true' })).status).toBe(200);
    expect(await list(a)).toMatchObject({ places: '已报 1/1，候补 0', status: '已报名', button: '取消报名' });
    expect(await list(b)).toMatchObject({ places: '已报 1/1，候补 0', status: null, button: '已满，加入候补' });

    // The coordinator edits the title and adds a place: both volunteers see it on their next request.
    const edit = {
      title: '入户走访（改）',
      workKind: 'home_visit',
      place: '花石村委会',
      date: '2026-11-25',
      startTime: '08:30',
      endTime: '12:00',
      capacity: '2',
      requiredSkills: '',
      description: '',
    };
    expect((await as.coordA.post(`/shifts/${shift.id}/edit`, edit)).status).toBe(303);
    expect(await list(a)).toMatchObject({ title: '入户走访（改）', places: '已报 1/2，候补 0', status: '已报名' });
    expect(await list(b)).toMatchObject({ title: '入户走访（改）', places: '已报 1/2，候补 0', button: '报名' });
    expect((await home(b))?.title).toBe('入户走访（改）');
  });

  it('renders each language from its own dictionary, not the first one cached', async () => {
    const shift = await addShift(t, f);
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true });
    expect((await card(v.browser!, '/shifts', shift.id))?.button).toBe('报名');
    await v.browser!.post('/lang', { locale: 'en', back: '/shifts' });
    expect(await card(v.browser!, '/shifts', shift.id)).toMatchObject({
      button: 'Sign up',
      places: '0/3 signed up, 0 waiting',
    });
    await v.browser!.post('/lang', { locale: 'zh', back: '/shifts' });
    expect((await card(v.browser!, '/shifts', shift.id))?.button).toBe('报名');
  });
});
