import { Hono } from 'hono';
import { PlacesPage } from '../../../views/pages/places/index.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { can } from './policy.js';
import { townshipForm, villageForm } from './schema.js';
import { addTownship, addVillage, type PlaceOutcome, placesOverview } from './service.js';

export const placeRoutes = new Hono<AppEnv>();

async function render(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const [ts, vs] = await placesOverview(c.get('deps').db);
  return renderPage(
    c,
    <PlacesPage ui={uiOf(c)} townships={ts} villages={vs} values={values} errors={errors} />,
    errors ? 422 : 200,
  );
}

const context = (c: AppContext) => ({ db: c.get('deps').db, now: c.get('deps').now(), actorUserId: viewerOf(c).id });

function answer(c: AppContext, outcome: PlaceOutcome, values: FormValues) {
  if (!outcome.ok) {
    const t = c.get('t');
    const errors: FieldErrors =
      outcome.error === 'taken' ? { name: t('places.error.taken') } : { townshipId: t('form.invalidChoice') };
    return render(c, values, errors);
  }
  setFlash(c, 'places.saved');
  return redirectAfterPost(c, '/places');
}

placeRoutes.get('/', (c) => {
  authorize(c, can(viewerOf(c)));
  return render(c);
});

placeRoutes.post('/', async (c) => {
  authorize(c, can(viewerOf(c)));
  const form = parseForm(townshipForm, await readForm(c), c.get('t'));
  if (!form.ok) return render(c, form.values, form.errors);
  return answer(c, await addTownship(context(c), form.data.name), form.values);
});

placeRoutes.post('/villages', async (c) => {
  authorize(c, can(viewerOf(c)));
  const form = parseForm(villageForm, await readForm(c), c.get('t'));
  if (!form.ok) return render(c, form.values, form.errors);
  return answer(c, await addVillage(context(c), form.data), form.values);
});
