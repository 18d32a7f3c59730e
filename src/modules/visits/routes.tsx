import { Hono } from 'hono';
import { CadencePage } from '../../../views/pages/visits/cadence.js';
import { CompliancePage } from '../../../views/pages/visits/compliance.js';
import { NeedsBoardPage } from '../../../views/pages/visits/needs.js';
import { OverduePage } from '../../../views/pages/visits/overdue.js';
import { RecordVisitPage } from '../../../views/pages/visits/record.js';
import { RequirementsPage } from '../../../views/pages/visits/requirements.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { townshipChoices } from '../places/queries.js';
import { saveCadence } from './cadence.js';
import { compliancePage } from './compliance.js';
import { complianceQuery } from './compliance-schema.js';
import { can, scope } from './policy.js';
import { findRecipientInScope, loadCadenceRules } from './queries.js';
import { requirementsOf, saveRequirements, townshipVolunteers } from './requirements.js';
import {
  assignNeedForm,
  cadenceForm,
  overdueFilter,
  type RequirementsInput,
  requirementsForm,
  resolveNeedForm,
  visitForm,
} from './schema.js';
import {
  assignNeed,
  type MoveResult,
  needsBoard,
  needVisible,
  overdueList,
  recordStationVisit,
  resolveNeed,
} from './service.js';

/** Rows shown at once on the overdue list; the counts above it cover everyone. */
const OVERDUE_LIMIT = 500;

export const visitRoutes = new Hono<AppEnv>();
export const needRoutes = new Hono<AppEnv>();

visitRoutes.get('/overdue', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'overdue'));
  const deps = c.get('deps');
  const filter = overdueFilter.parse({ township: c.req.query('township') || undefined });
  const isCounty = scope(viewer).kind === 'all';
  const township = isCounty ? filter.township : undefined;
  const today = businessDate(deps.now());
  const list = await overdueList({ db: deps.db, scope: scope(viewer), today, townshipId: township });
  const townships = isCounty ? await townshipChoices(deps.db) : null;
  return renderPage(
    c,
    <OverduePage ui={uiOf(c)} list={list} townships={townships} township={township} limit={OVERDUE_LIMIT} />,
  );
});

visitRoutes.get('/compliance', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'compliance'));
  const deps = c.get('deps');
  const query = complianceQuery.safeParse(c.req.query());
  const model = await compliancePage(deps.db, scope(viewer), {
    month: query.success ? query.data.month : null,
    townshipId: query.success ? query.data.township : null,
    badMonth: !query.success,
    asked: c.req.query('month') ?? '',
    today: businessDate(deps.now()),
    chartTitle: c.get('t')('compliance.chartTitle'),
  });
  return renderPage(c, <CompliancePage ui={uiOf(c)} model={model} />, model.error ? 422 : 200);
});

visitRoutes.get('/cadence', async (c) => {
  authorize(c, can(viewerOf(c), 'cadence'));
  const rules = await loadCadenceRules(c.get('deps').db);
  return renderPage(
    c,
    <CadencePage
      ui={uiOf(c)}
      values={{ full: String(rules.full), partial: String(rules.partial), self: String(rules.self) }}
    />,
  );
});

visitRoutes.post('/cadence', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'cadence'));
  const deps = c.get('deps');
  const form = parseForm(cadenceForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderPage(c, <CadencePage ui={uiOf(c)} values={form.values} errors={form.errors} />, 422);
  const before = await loadCadenceRules(deps.db);
  await saveCadence({ db: deps.db, rules: form.data, before, actorUserId: viewer.id, now: deps.now() });
  setFlash(c, 'cadence.saved');
  return redirectAfterPost(c, '/visits/overdue');
});

async function renderRecord(c: AppContext, id: number, values: FormValues, errors?: FieldErrors) {
  const recipient = await findRecipientInScope(c.get('deps').db, scope(viewerOf(c)), id);
  if (!recipient) notFound();
  return renderPage(
    c,
    <RecordVisitPage ui={uiOf(c)} recipient={recipient} values={values} errors={errors} />,
    errors ? 422 : 200,
  );
}

visitRoutes.get('/recipients/:id{[0-9]+}/new', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  const today = businessDate(c.get('deps').now());
  return renderRecord(c, Number(c.req.param('id')), {
    visitedOn: today,
    kind: 'home_visit',
    visitorKind: 'station_worker',
    outcome: 'visited',
    needUrgency: 'normal',
  });
});

visitRoutes.post('/recipients/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'record'));
  const { db, now, logger } = c.get('deps');
  const recipientId = Number(c.req.param('id'));
  const form = parseForm(visitForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderRecord(c, recipientId, form.values, form.errors);
  const ctx = { db, scope: scope(viewer), recipientId, input: form.data, actorUserId: viewer.id, now: now() };
  const result = await recordStationVisit(ctx);
  if (result === 'not_found') notFound();
  if (result === 'future')
    return renderRecord(c, recipientId, form.values, { visitedOn: c.get('t')('visits.record.future') });
  const { outcome, needText } = form.data;
  logger.info('visit_recorded', { by: viewer.id, recipientId, outcome, need: !!needText });
  setFlash(c, 'visits.recorded');
  return redirectAfterPost(c, '/visits/overdue');
});

async function renderRequirements(c: AppContext, values?: RequirementsInput, errors?: FieldErrors) {
  const db = c.get('deps').db;
  const recipient = await findRecipientInScope(db, scope(viewerOf(c)), Number(c.req.param('id')));
  if (!recipient) notFound();
  const page = (
    <RequirementsPage
      ui={uiOf(c)}
      recipient={recipient}
      values={values ?? (await requirementsOf(db, recipient.id))}
      volunteers={await townshipVolunteers(db, recipient.townshipId)}
      errors={errors}
    />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

visitRoutes.get('/recipients/:id{[0-9]+}/requirements', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  return renderRequirements(c);
});

visitRoutes.post('/recipients/:id{[0-9]+}/requirements', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'record'));
  const deps = c.get('deps');
  const recipient = await findRecipientInScope(deps.db, scope(viewer), Number(c.req.param('id')));
  if (!recipient) notFound();
  const form = parseForm(requirementsForm, await readForm(c), c.get('t'));
  const before = await requirementsOf(deps.db, recipient.id);
  if (!form.ok) return renderRequirements(c, before, form.errors);
  const known = new Set((await townshipVolunteers(deps.db, recipient.townshipId)).map((v) => v.id));
  if (form.data.excluded.some((id) => !known.has(id)))
    return renderRequirements(c, form.data, { excluded: c.get('t')('requirements.unknownVolunteer') });
  const ctx = { db: deps.db, recipientId: recipient.id, input: form.data, before, actorUserId: viewer.id };
  await saveRequirements({ ...ctx, now: deps.now() });
  setFlash(c, 'requirements.saved');
  return redirectAfterPost(c, `/recipients/${recipient.id}`);
});

async function renderBoard(c: AppContext, error?: string) {
  const deps = c.get('deps');
  const board = await needsBoard(deps.db, scope(viewerOf(c)), businessDate(deps.now()));
  return renderPage(c, <NeedsBoardPage ui={uiOf(c)} {...board} error={error} />, error ? 422 : 200);
}

needRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'needs'));
  return renderBoard(c);
});

function afterMove(c: AppContext, result: MoveResult, done: 'needs.assigned' | 'needs.resolvedDone') {
  if (result === 'not_found') notFound();
  setFlash(c, result === 'ok' ? done : 'needs.wrongState');
  return redirectAfterPost(c, '/needs');
}

/** The need the path names, when the viewer follows needs up and it is in their scope (else 403 or 404). */
async function followedNeed(c: AppContext) {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'followUp'));
  const { db, now } = c.get('deps');
  const id = Number(c.req.param('id'));
  if (!(await needVisible(db, scope(viewer), id))) notFound();
  return { db, scope: scope(viewer), id, now };
}

needRoutes.post('/:id{[0-9]+}/assign', async (c) => {
  const { now, ...need } = await followedNeed(c);
  const form = parseForm(assignNeedForm, await readForm(c), c.get('t'));
  // The board is the form page: a failed move re-renders it with the error and writes nothing.
  if (!form.ok) return renderBoard(c, form.errors.assignee);
  const result = await assignNeed({ ...need, assignee: form.data.assignee, now: now() });
  return afterMove(c, result, 'needs.assigned');
});

needRoutes.post('/:id{[0-9]+}/resolve', async (c) => {
  const { now, ...need } = await followedNeed(c);
  const form = parseForm(resolveNeedForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderBoard(c, form.errors.resolution);
  const result = await resolveNeed({ ...need, resolution: form.data.resolution, now: now() });
  return afterMove(c, result, 'needs.resolvedDone');
});
