import { Hono } from 'hono';
import { CallPage } from '../../../views/pages/plans/call.js';
import { OutcomePage, TodayPage } from '../../../views/pages/plans/today.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { correctionValues, correctVisit, recordedVisitId } from '../visits/correction.js';
import { revealCaregiverForCall } from '../visits/field.js';
import { recordFieldVisit, visitWords } from '../visits/field-record.js';
import { can } from '../visits/policy.js';
import { outcomeForm, todayQuery } from '../visits/schema.js';
import { type Household, householdsOf, nextPlannedDate, publishedHouseholdDate, volunteerOfUser } from './queries.js';

/** The volunteer's "today" page and the outcome of each household on it. */
export const todayRoutes = new Hono<AppEnv>();

async function me(c: AppContext) {
  authorize(c, can(viewerOf(c), 'today'));
  const volunteer = await volunteerOfUser(c.get('deps').db, viewerOf(c).id);
  if (!volunteer) notFound();
  return volunteer;
}

/** One household of the volunteer's published list; anything else (another's, unpublished) is 404. */
async function household(c: AppContext, volunteerId: number): Promise<Household> {
  const db = c.get('deps').db;
  const id = Number(c.req.param('aid'));
  // The date first, then the household through the same scoped query the list uses.
  const date = await publishedHouseholdDate(db, id, volunteerId);
  if (!date) notFound();
  const h = (await householdsOf(db, volunteerId, viewerOf(c).id, date)).find((x) => x.id === id);
  if (!h) notFound();
  return h;
}

todayRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'today'));
  const db = c.get('deps').db;
  const today = businessDate(c.get('deps').now());
  const date = todayQuery.parse({ date: c.req.query('date') || undefined }).date ?? today;
  // A volunteer login not (yet) linked to a volunteer record has no households: say so instead of a 404.
  const volunteer = await volunteerOfUser(db, viewerOf(c).id);
  const page = { ui: uiOf(c), date, today };
  if (!volunteer) return renderPage(c, <TodayPage {...page} households={[]} next={null} unlinked />);
  const [households, next] = await Promise.all([
    householdsOf(db, volunteer.id, viewerOf(c).id, date),
    nextPlannedDate(db, volunteer.id, today),
  ]);
  return renderPage(c, <TodayPage {...page} households={households} next={next} />);
});

function renderOutcome(c: AppContext, h: Household, values: FormValues, errors?: FieldErrors, correct = false) {
  const action = `/visits/today/${h.id}${correct ? '/correct' : ''}`;
  const page = <OutcomePage ui={uiOf(c)} h={h} values={values} errors={errors} action={action} correct={correct} />;
  return renderPage(c, page, errors ? 422 : 200);
}

todayRoutes.get('/:aid{[0-9]+}', async (c) => {
  const h = await household(c, (await me(c)).id);
  if (h.date > businessDate(c.get('deps').now())) return renderPage(c, <OutcomePage ui={uiOf(c)} h={h} notYet />);
  return renderOutcome(c, h, { outcome: 'visited', needUrgency: 'normal' });
});

const REFUSAL = {
  not_yet: 'today.notYet',
  bad_target: 'field.aidRefused',
  other_day: 'field.correctOtherDay',
  conflict: 'field.correctConflict',
  no_plan: 'field.aidRefused',
  not_found: 'error.notFound.title',
} as const;

todayRoutes.post('/:aid{[0-9]+}', async (c) => {
  const volunteer = await me(c);
  const h = await household(c, volunteer.id);
  const { db, now, logger } = c.get('deps');
  const form = parseForm(outcomeForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderOutcome(c, h, form.values, form.errors);
  const visitor = { volunteerIds: [volunteer.id], names: volunteer.name };
  const ctx = { db, household: h, input: form.data, visitor, recordedBy: viewerOf(c).id, now: now() };
  const result = await recordFieldVisit({ ...ctx, words: visitWords(c.get('t')) });
  if (!result.ok) return renderOutcome(c, h, form.values, { outcome: c.get('t')(REFUSAL[result.reason]) });
  const { outcome } = form.data;
  logger.info('visit_recorded', { by: ctx.recordedBy, recipientId: h.recipientId, outcome, aid: result.aid });
  setFlash(c, 'today.saved');
  return redirectAfterPost(c, `/visits/today?date=${h.date}`);
});

/** Tap-to-call: the caregiver's full number is revealed only here, audited, as a page with a tappable tel: link. */
todayRoutes.post('/:aid{[0-9]+}/call', async (c) => {
  const h = await household(c, (await me(c)).id);
  const deps = c.get('deps');
  const ctx = { db: deps.db, cipher: deps.cipher, recipientId: h.recipientId, actorUserId: viewerOf(c).id };
  const mobile = await revealCaregiverForCall({ ...ctx, now: deps.now() });
  if (!mobile) notFound();
  return renderPage(c, <CallPage ui={uiOf(c)} h={h} mobile={mobile} />);
});

/** The visit this volunteer recorded for the household: what a correction starts from (404 when none). */
async function recorded(c: AppContext) {
  const h = await household(c, (await me(c)).id);
  const visitId = await recordedVisitId(c.get('deps').db, h, viewerOf(c).id);
  if (!visitId) notFound();
  return { h, visitId };
}

todayRoutes.get('/:aid{[0-9]+}/correct', async (c) => {
  const { h, visitId } = await recorded(c);
  const values = await correctionValues(c.get('deps').db, visitId, h);
  return renderOutcome(c, h, values ?? {}, undefined, true);
});

/** The same day, by whoever recorded it: the visit updated, audited, its ledger lines reversed and replaced. */
todayRoutes.post('/:aid{[0-9]+}/correct', async (c) => {
  const { h, visitId } = await recorded(c);
  const { db, now } = c.get('deps');
  const form = parseForm(outcomeForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderOutcome(c, h, form.values, form.errors, true);
  const ctx = { db, visitId, viewer: viewerOf(c), input: form.data, household: h, words: visitWords(c.get('t')) };
  const result = await correctVisit({ ...ctx, now: now() });
  if (!result.ok && result.reason === 'not_found') notFound();
  if (!result.ok) return renderOutcome(c, h, form.values, { outcome: c.get('t')(REFUSAL[result.reason]) }, true);
  setFlash(c, result.changed ? 'field.corrected' : 'field.unchanged');
  return redirectAfterPost(c, `/visits/today?date=${h.date}`);
});
