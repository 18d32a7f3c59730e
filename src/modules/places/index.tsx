import { asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { PlacesPage } from '../../../views/pages/places/index.js';
import type { Db } from '../../db/client.js';
import { auditLog, townships, VILLAGE_KINDS, villages } from '../../db/schema/index.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv, Viewer } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { choice, requiredText } from '../../lib/zod-fields.js';

// Townships and villages are few and only the county admin edits them: policy, schema, queries and handlers
// fit in this one file.
export const can = (viewer: Viewer | null) => viewer?.role === 'county_admin';

const coordinate = (max: number) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = (s ?? '').trim();
      if (v === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n) || Math.abs(n) > max) {
        ctx.addIssue({ code: 'custom', message: 'places.error.coordinate' });
        return z.NEVER;
      }
      return n;
    });

export const townshipForm = z.object({ name: requiredText(30) });
export const villageForm = z.object({
  townshipId: z.coerce.number({ error: 'form.required' }).int().positive({ error: 'form.required' }),
  name: requiredText(30),
  kind: choice(VILLAGE_KINDS),
  lat: coordinate(90),
  lng: coordinate(180),
});

export function placesOverview(db: Db) {
  return Promise.all([
    db
      .select({
        id: townships.id,
        name: townships.name,
        villages: sql<number>`(SELECT count(*) FROM villages v WHERE v.township_id = ${townships.id})`,
        recipients: sql<number>`(SELECT count(*) FROM recipients r WHERE r.township_id = ${townships.id} AND r.status = 'active')`,
      })
      .from(townships)
      .orderBy(asc(townships.id)),
    db.select().from(villages).orderBy(asc(villages.townshipId), asc(villages.name)),
  ]);
}

export const placeRoutes = new Hono<AppEnv>();

async function render(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const [ts, vs] = await placesOverview(c.get('deps').db);
  return renderPage(
    c,
    <PlacesPage ui={uiOf(c)} townships={ts} villages={vs} values={values} errors={errors} />,
    errors ? 422 : 200,
  );
}

placeRoutes.get('/', (c) => {
  authorize(c, can(viewerOf(c)));
  return render(c);
});

const isTaken = (e: unknown) => String((e as Error).message).includes('UNIQUE constraint failed');

placeRoutes.post('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer));
  const deps = c.get('deps');
  const form = parseForm(townshipForm, await readForm(c), c.get('t'));
  if (!form.ok) return render(c, form.values, form.errors);
  try {
    await deps.db.batch([
      deps.db.insert(townships).values({ name: form.data.name, createdAt: deps.now() }),
      deps.db.insert(auditLog).values({
        at: deps.now(),
        actorUserId: viewer.id,
        action: 'create',
        entity: 'township',
        entityId: sql`(SELECT CAST(id AS TEXT) FROM townships WHERE name = ${form.data.name})`,
        changes: { name: form.data.name },
      }),
    ]);
  } catch (e) {
    if (isTaken(e)) return render(c, form.values, { name: c.get('t')('places.error.taken') });
    throw e;
  }
  setFlash(c, 'places.saved');
  return redirectAfterPost(c, '/places');
});

placeRoutes.post('/villages', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer));
  const deps = c.get('deps');
  const t = c.get('t');
  const form = parseForm(villageForm, await readForm(c), t);
  if (!form.ok) return render(c, form.values, form.errors);
  if (!(await deps.db.select({ id: townships.id }).from(townships).where(eq(townships.id, form.data.townshipId)).get()))
    return render(c, form.values, { townshipId: t('form.invalidChoice') });
  try {
    await deps.db.batch([
      deps.db.insert(villages).values({ ...form.data, createdAt: deps.now() }),
      deps.db
        .insert(auditLog)
        .values({ at: deps.now(), actorUserId: viewer.id, action: 'create', entity: 'village', changes: form.data }),
    ]);
  } catch (e) {
    if (isTaken(e)) return render(c, form.values, { name: t('places.error.taken') });
    throw e;
  }
  setFlash(c, 'places.saved');
  return redirectAfterPost(c, '/places');
});
