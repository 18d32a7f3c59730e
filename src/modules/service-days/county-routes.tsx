import { Hono } from 'hono';
import { CancelDayPage, ServiceDayPage, ServiceDaysPage } from '../../../views/pages/service-days/county.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { cancelServiceDay, comingServiceDays, findServiceDay, moveServiceDay } from './county.js';
import { serviceDayOverview } from './overview.js';
import { can } from './policy.js';
import { cancelDayForm, moveDayForm } from './schema.js';

/** The county administrator's service days: every township's figures, and moving or cancelling a whole day. */
export const serviceDayRoutes = new Hono<AppEnv>();

/** Authorizes, then finds the day in the path (404 when there is none). */
async function dayOf(c: AppContext) {
  authorize(c, can(viewerOf(c), 'county'));
  const day = await findServiceDay(c.get('deps').db, Number(c.req.param('id')));
  if (!day) notFound();
  return day;
}

async function dayPage(c: AppContext, form?: { values: FormValues; errors: FieldErrors }) {
  const day = await dayOf(c);
  const rows = await serviceDayOverview(c.get('deps').db, { kind: 'all' }, day.id);
  return renderPage(c, <ServiceDayPage ui={uiOf(c)} day={day} rows={rows} form={form} />, form ? 422 : 200);
}

const context = (c: AppContext, reason: string | null) => ({
  db: c.get('deps').db,
  dayId: Number(c.req.param('id')),
  actorUserId: viewerOf(c).id,
  now: c.get('deps').now(),
  reason,
});
const refused = (c: AppContext, result: string, field: string) => ({
  [field]: c.get('t')(`serviceDays.error.${result}` as MessageKey),
});

serviceDayRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'county'));
  const deps = c.get('deps');
  const days = await comingServiceDays(deps.db, businessDate(deps.now()));
  return renderPage(c, <ServiceDaysPage ui={uiOf(c)} days={days} />);
});

serviceDayRoutes.get('/:id{[0-9]+}', (c) => dayPage(c));

serviceDayRoutes.post('/:id{[0-9]+}/move', async (c) => {
  await dayOf(c);
  const form = parseForm(moveDayForm, await readForm(c), c.get('t'));
  if (!form.ok) return dayPage(c, form);
  const result = await moveServiceDay({ ...context(c, form.data.reason), to: form.data.heldOn });
  if (result !== 'ok') return dayPage(c, { values: form.values, errors: refused(c, result, 'heldOn') });
  setFlash(c, 'serviceDays.movedDone');
  return redirectAfterPost(c, `/service-days/${c.req.param('id')}`);
});

serviceDayRoutes.get('/:id{[0-9]+}/cancel', async (c) => {
  const day = await dayOf(c);
  return renderPage(c, <CancelDayPage ui={uiOf(c)} day={day} />);
});

serviceDayRoutes.post('/:id{[0-9]+}/cancel', async (c) => {
  const day = await dayOf(c);
  const form = parseForm(cancelDayForm, await readForm(c), c.get('t'));
  const result = form.ok ? await cancelServiceDay(context(c, form.data.reason)) : 'invalid';
  if (!form.ok || result !== 'ok')
    return renderPage(
      c,
      <CancelDayPage
        ui={uiOf(c)}
        day={day}
        error={form.ok ? refused(c, result, 'reason').reason : Object.values(form.errors)[0]}
      />,
      422,
    );
  setFlash(c, 'serviceDays.cancelledDone');
  return redirectAfterPost(c, `/service-days/${day.id}`);
});
