import { Hono } from 'hono';
import { UnitDetailPage } from '../../../views/pages/care-units/detail.js';
import { UnitFormPage } from '../../../views/pages/care-units/form.js';
import { UnitListPage } from '../../../views/pages/care-units/list.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { boundTownship } from '../../lib/scope.js';
import { can, scope } from './policy.js';
import { findUnit, listUnits, type UnitRow, unitDetail, unitFormChoices, unitVillageIds } from './queries.js';
import { memberForm, unitForm } from './schema.js';
import { addMember, assignHousehold, saveUnit } from './service.js';

/** The station's register of 守望之家: list, add, edit, members, households covered. */
export const careUnitRoutes = new Hono<AppEnv>();

/** The unit of the path, after authorizing the action: outside the viewer's scope answers 404. */
async function unitOf(c: AppContext, action: 'view' | 'manage'): Promise<UnitRow> {
  authorize(c, can(viewerOf(c), action));
  const unit = await findUnit(c.get('deps').db, scope(viewerOf(c)), Number(c.req.param('id')));
  return unit ?? notFound();
}

async function renderForm(c: AppContext, unitId: number | null, values?: FormValues, errors?: FieldErrors) {
  const choices = await unitFormChoices(c.get('deps').db, boundTownship(scope(viewerOf(c))));
  const action = unitId ? `/care-units/${unitId}` : '/care-units';
  const page = (
    <UnitFormPage ui={uiOf(c)} action={action} editing={!!unitId} {...choices} values={values} errors={errors} />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

async function renderDetail(c: AppContext, unit: UnitRow, values?: FormValues, errors?: FieldErrors) {
  const detail = await unitDetail(c.get('deps').db, unit.id);
  const page = <UnitDetailPage ui={uiOf(c)} unit={unit} {...detail} values={values} errors={errors} />;
  return renderPage(c, page, errors ? 422 : 200);
}

careUnitRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'list'));
  return renderPage(c, <UnitListPage ui={uiOf(c)} rows={await listUnits(c.get('deps').db, scope(viewerOf(c)))} />);
});

careUnitRoutes.get('/new', async (c) => {
  authorize(c, can(viewerOf(c), 'manage'));
  return renderForm(c, null);
});

/** Create (no id) or change a unit: parse → authorize → one service call → redirect to its page. */
async function save(c: AppContext, unit: UnitRow | null) {
  const viewer = viewerOf(c);
  const deps = c.get('deps');
  const form = parseForm(unitForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderForm(c, unit?.id ?? null, form.values, form.errors);
  const input = { db: deps.db, scope: scope(viewer), input: form.data, actorUserId: viewer.id, now: deps.now() };
  const saved = await saveUnit({ ...input, id: unit?.id });
  if (!saved.ok) return renderForm(c, unit?.id ?? null, form.values, { [saved.field]: c.get('t')(saved.message) });
  setFlash(c, 'care.saved');
  return redirectAfterPost(c, `/care-units/${saved.id}`);
}

careUnitRoutes.post('/', async (c) => {
  authorize(c, can(viewerOf(c), 'manage'));
  return save(c, null);
});

careUnitRoutes.get('/:id{[0-9]+}', async (c) => renderDetail(c, await unitOf(c, 'view')));

careUnitRoutes.get('/:id{[0-9]+}/edit', async (c) => {
  const unit = await unitOf(c, 'manage');
  const values = { ...unit, townshipId: String(unit.townshipId ?? '') } as unknown as FormValues;
  values.villageIds = (await unitVillageIds(c.get('deps').db, unit.id)).map(String);
  return renderForm(c, unit.id, values);
});

careUnitRoutes.post('/:id{[0-9]+}', async (c) => save(c, await unitOf(c, 'manage')));

careUnitRoutes.post('/:id{[0-9]+}/members', async (c) => {
  const unit = await unitOf(c, 'manage');
  const deps = c.get('deps');
  const form = parseForm(memberForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderDetail(c, unit, form.values, form.errors);
  await addMember({ db: deps.db, unitId: unit.id, actorUserId: viewerOf(c).id, input: form.data, now: deps.now() });
  setFlash(c, 'care.member.added');
  return redirectAfterPost(c, `/care-units/${unit.id}`);
});

/** Assign a household of a shared village to this unit (assign=1), or release it to the village rule (assign=0). */
careUnitRoutes.post('/:id{[0-9]+}/households/:rid{[0-9]+}', async (c) => {
  const unit = await unitOf(c, 'manage');
  const deps = c.get('deps');
  const assign = (await readForm(c)).assign === '1';
  const ctx = { db: deps.db, unitId: unit.id, recipientId: Number(c.req.param('rid')), actorUserId: viewerOf(c).id };
  if ((await assignHousehold({ ...ctx, assign, now: deps.now() })) === 'not_found') notFound();
  setFlash(c, 'care.assignDone');
  return redirectAfterPost(c, `/care-units/${unit.id}`);
});
