import { Hono } from 'hono';
import { CoveragePeriodsPage } from '../../../views/pages/plans/coverage-periods.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { coverageSettings, setCoveragePeriod } from './coverage-periods.js';
import { coveragePeriodForm } from './coverage-schema.js';
import { can, maySetCounty, scope } from './policy.js';

/** The service-day coverage period (decision 0165): the county's, and each township's own, on one page. */
export const coverageRoutes = new Hono<AppEnv>();

async function renderSettings(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const viewer = viewerOf(c);
  const settings = await coverageSettings(c.get('deps').db, scope(viewer, 'coverage'));
  const page = { ui: uiOf(c), settings, county: maySetCounty(viewer), values, errors };
  return renderPage(c, <CoveragePeriodsPage {...page} />, errors ? 422 : 200);
}

coverageRoutes.get('/', (c) => {
  authorize(c, can(viewerOf(c), 'coverage'));
  return renderSettings(c);
});

coverageRoutes.post('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'coverage'));
  const form = parseForm(coveragePeriodForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderSettings(c, form.values, form.errors);
  // The county's own period is the county admin's; a township not in the viewer's choices is a bad choice.
  if (form.data.townshipId === null) authorize(c, maySetCounty(viewer));
  const { db, now } = c.get('deps');
  const ctx = { db, now: now(), actorUserId: viewer.id, scope: scope(viewer, 'coverage'), ...form.data };
  if ((await setCoveragePeriod(ctx)) === 'not_found')
    return renderSettings(c, form.values, { townshipId: c.get('t')('form.invalidChoice') });
  setFlash(c, 'coverage.period.saved');
  return redirectAfterPost(c, '/plans/coverage');
});
