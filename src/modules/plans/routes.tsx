import { Hono } from 'hono';
import { z } from 'zod';
import { PlanPage } from '../../../views/pages/plans/plan.js';
import { ResultsPage } from '../../../views/pages/plans/results.js';
import { RouteSheetsPage } from '../../../views/pages/plans/sheets.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { readForm } from '../../lib/form.js';
import type { Translate } from '../../lib/i18n/index.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { can as canShift, scope as shiftScope } from '../shifts/policy.js';
import { findShift } from '../shifts/queries.js';
import { addHousehold, setHouseholdsPerVolunteer } from './additions.js';
import { coverageRoutes } from './coverage-routes.js';
import { reassign, removeAssignment, togglePin } from './edits.js';
import { planPageData } from './page-data.js';
import { publish } from './publish.js';
import { findPlan, planRows } from './queries.js';
import { replan } from './replan.js';
import { enterResults, type ResultsOutcome, volunteerSheet } from './results.js';
import { printSheet, routeSheets } from './sheets.js';

/** Visit plans hang off a shift: whoever manages the shift (its organisation, its station, the county) plans it. */
export const planRoutes = new Hono<AppEnv>();
planRoutes.route('/coverage', coverageRoutes);

const reassignForm = z.object({ toVolunteerId: z.coerce.number().int().positive() });

async function managedShift(c: AppContext) {
  const viewer = viewerOf(c);
  authorize(c, canShift(viewer, 'manage'));
  // 'plan' reaches the stations' service-day shifts where the coordinator's organisation is active (decision 0150).
  const shift = await findShift(c.get('deps').db, shiftScope(viewer, 'plan'), Number(c.req.param('shiftId')));
  if (!shift) notFound();
  return shift;
}

/** A cancelled shift keeps its plan for the record but is not planned or published again. */
function refusedWhenCancelled(c: AppContext, shift: { id: number; status: string }) {
  if (shift.status !== 'cancelled') return null;
  setFlash(c, 'plans.shiftCancelled');
  return redirectAfterPost(c, `/plans/${shift.id}`);
}

async function planOf(c: AppContext, shiftId: number) {
  const plan = await findPlan(c.get('deps').db, shiftId);
  if (!plan) notFound();
  return plan;
}

planRoutes.get('/:shiftId{[0-9]+}', async (c) => {
  const shift = await managedShift(c);
  const data = await planPageData(c.get('deps').db, shift);
  return renderPage(c, <PlanPage ui={uiOf(c)} shift={shift} {...data} />);
});

planRoutes.get('/:shiftId{[0-9]+}/sheets', async (c) => {
  const shift = await managedShift(c);
  const sheets = await routeSheets(c.get('deps').db, shift);
  if (!sheets) notFound();
  return renderPage(c, <RouteSheetsPage ui={uiOf(c)} shift={shift} sheets={sheets} />);
});

/** One volunteer's sheet with the caregivers' numbers in full: a POST, since printing it reveals them (audited). */
planRoutes.post('/:shiftId{[0-9]+}/sheets/:volunteerId{[0-9]+}', async (c) => {
  const shift = await managedShift(c);
  const deps = c.get('deps');
  const volunteerId = Number(c.req.param('volunteerId'));
  const printed = await printSheet({ ...deps, shift, volunteerId, actorUserId: viewerOf(c).id, now: deps.now() });
  if (!printed) notFound();
  return renderPage(c, <RouteSheetsPage ui={uiOf(c)} shift={shift} sheets={printed} mobiles={printed.mobiles} />);
});

/** The planner's time budget and solver from the app's dependencies (tests inject a clock and a MILP). */
async function budgetOf(deps: AppContext['var']['deps']) {
  const clock = deps.planClock?.() ?? (() => performance.now());
  return { timeLimitMs: deps.config.planTimeLimitMs, clock, milp: await deps.milp?.() };
}

planRoutes.post('/:shiftId{[0-9]+}/replan', async (c) => {
  const shift = await managedShift(c);
  const refused = refusedWhenCancelled(c, shift);
  if (refused) return refused;
  const deps = c.get('deps');
  const { plan } = await replan(deps.db, shift, deps.now(), await budgetOf(deps));
  const { covered } = plan.objective;
  deps.logger.info('visit_plan_made', { by: viewerOf(c).id, shiftId: shift.id, covered, optimal: plan.optimal });
  setFlash(c, 'plans.planned');
  return redirectAfterPost(c, `/plans/${shift.id}`);
});

planRoutes.post('/:shiftId{[0-9]+}/publish', async (c) => {
  const shift = await managedShift(c);
  const refused = refusedWhenCancelled(c, shift);
  if (refused) return refused;
  const deps = c.get('deps');
  const plan = await planOf(c, shift.id);
  const { notified } = await publish(deps.db, shift, plan, viewerOf(c).id, deps.now());
  deps.logger.info('visit_plan_published', { by: viewerOf(c).id, shiftId: shift.id, notified });
  setFlash(c, notified || plan.status === 'draft' ? 'plans.published' : 'plans.publishedNothing');
  return redirectAfterPost(c, `/plans/${shift.id}`);
});

async function workingRow(c: AppContext, planId: number) {
  const row = (await planRows(c.get('deps').db, planId, false)).find((r) => r.id === Number(c.req.param('aid')));
  if (!row) notFound();
  return row;
}

planRoutes.post('/:shiftId{[0-9]+}/assignments/:aid{[0-9]+}/pin', async (c) => {
  const shift = await managedShift(c);
  const plan = await planOf(c, shift.id);
  if (!(await togglePin(c.get('deps').db, plan.id, Number(c.req.param('aid'))))) notFound();
  setFlash(c, 'plans.pinToggled');
  return redirectAfterPost(c, `/plans/${shift.id}`);
});

planRoutes.post('/:shiftId{[0-9]+}/assignments/:aid{[0-9]+}/remove', async (c) => {
  const shift = await managedShift(c);
  const plan = await planOf(c, shift.id);
  const row = await workingRow(c, plan.id);
  await removeAssignment({
    db: c.get('deps').db,
    planId: plan.id,
    row,
    actorUserId: viewerOf(c).id,
    now: c.get('deps').now(),
  });
  setFlash(c, 'plans.removed');
  return redirectAfterPost(c, `/plans/${shift.id}`);
});

planRoutes.post('/:shiftId{[0-9]+}/assignments/:aid{[0-9]+}/reassign', async (c) => {
  const shift = await managedShift(c);
  const deps = c.get('deps');
  const plan = await planOf(c, shift.id);
  const row = await workingRow(c, plan.id);
  const form = reassignForm.safeParse(await readForm(c));
  const result = form.success
    ? await reassign({ db: deps.db, shift, plan, row, toVolunteerId: form.data.toVolunteerId, now: deps.now() })
    : 'notConfirmed';
  setFlash(c, result === 'ok' ? 'plans.reassigned' : `plans.reassign.${result}`);
  return redirectAfterPost(c, `/plans/${shift.id}`);
});

const capacityForm = z.object({ households: z.coerce.number().int().min(1).max(20) });
const addForm = z.object({
  recipientId: z.coerce.number().int().positive(),
  volunteerId: z.coerce.number().int().positive(),
});

planRoutes.post('/:shiftId{[0-9]+}/capacity', async (c) => {
  const shift = await managedShift(c);
  const form = capacityForm.safeParse(await readForm(c));
  if (form.success)
    await setHouseholdsPerVolunteer({
      db: c.get('deps').db,
      shiftId: shift.id,
      households: form.data.households,
      now: c.get('deps').now(),
    });
  setFlash(c, form.success ? 'coverage.capacitySaved' : 'coverage.capacityBad');
  return redirectAfterPost(c, `/plans/${shift.id}`);
});

/** A household chosen by hand onto a volunteer's list: only the shift township's (anything else is 404), audited. */
planRoutes.post('/:shiftId{[0-9]+}/households', async (c) => {
  const shift = await managedShift(c);
  const deps = c.get('deps');
  const form = addForm.safeParse(await readForm(c));
  if (!form.success) {
    setFlash(c, 'coverage.add.bad');
    return redirectAfterPost(c, `/plans/${shift.id}`);
  }
  const result = await addHousehold({ db: deps.db, shift, ...form.data, actorUserId: viewerOf(c).id, now: deps.now() });
  if (result === 'notFound') notFound();
  setFlash(c, result === 'ok' ? 'coverage.added' : `coverage.add.${result}`);
  return redirectAfterPost(c, `/plans/${shift.id}`);
});

/** What the whole results form says when it is refused for a reason no single field carries. */
function resultsError(t: Translate, r: Extract<ResultsOutcome, { ok: false }>): string | undefined {
  if (r.notYet) return t('today.notYet');
  return r.unsaveable ? t('results.unsaveable', r.unsaveable) : undefined;
}

/** One volunteer of the shift's published plan, or 404. */
async function sheetOf(c: AppContext) {
  const shift = await managedShift(c);
  const { db, now } = c.get('deps');
  const volunteerId = Number(c.req.param('volunteerId'));
  const sheet = await volunteerSheet({ db, shift, volunteerId, viewer: viewerOf(c), now: now() });
  if (!sheet) notFound();
  return { shift, sheet };
}

planRoutes.get('/:shiftId{[0-9]+}/results/:volunteerId{[0-9]+}', async (c) => {
  const { shift, sheet } = await sheetOf(c);
  return renderPage(c, <ResultsPage ui={uiOf(c)} shift={shift} sheet={sheet} />);
});

/** A returned paper sheet typed in at once: all or nothing, and a resubmission writes nothing new. */
planRoutes.post('/:shiftId{[0-9]+}/results/:volunteerId{[0-9]+}', async (c) => {
  const { shift, sheet } = await sheetOf(c);
  const deps = c.get('deps');
  const values = await readForm(c);
  const ctx = { db: deps.db, shift, sheet, values, t: c.get('t'), actorUserId: viewerOf(c).id, now: deps.now() };
  const result = await enterResults(ctx);
  if (!result.ok) {
    const formError = resultsError(c.get('t'), result);
    const page = <ResultsPage {...{ ui: uiOf(c), shift, sheet, values, errors: result.errors, formError }} />;
    return renderPage(c, page, 422);
  }
  deps.logger.info('route_sheet_entered', { by: viewerOf(c).id, shiftId: shift.id, recorded: result.recorded });
  setFlash(c, 'results.saved');
  return redirectAfterPost(c, `/plans/${shift.id}/results/${sheet.volunteer.id}`);
});
