import { Hono } from 'hono';
import { ConfirmPage, type ConfirmProps } from '../../../views/pages/shifts/confirm.js';
import { RosterPage, shiftOption } from '../../../views/pages/shifts/roster.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { scope as volunteerScope } from '../volunteers/policy.js';
import { can, staffScope } from './policy.js';
import { findShift, type ManagedShift, managedShifts } from './queries.js';
import { roster, rosterCandidates, volunteerInReach } from './roster-queries.js';
import { hoursForm, moveForm, rosterAddForm, rosterQuery } from './schema.js';
import { cancelWholeShift, type MoveResult, overlapLabel, removeFromShift, type StaffAddResult } from './service.js';
import { staffAdd, staffConfirmHours, staffMove } from './staffing.js';

/** Rosters, staffed by the people responsible: the station of the township and the shift's organisation. */
export const rosterRoutes = new Hono<AppEnv>();

const today = (c: AppContext) => businessDate(c.get('deps').now());
const line = (s: ManagedShift) => `${s.date} ${s.startTime}–${s.endTime} ${s.title}`;

/** The shift in the path if the viewer may staff it (the one staffing rule, `staffScope`); otherwise 404. */
async function staffedShift(c: AppContext) {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'roster'));
  const shift = await findShift(c.get('deps').db, staffScope(viewer), Number(c.req.param('id')));
  if (!shift) notFound();
  return shift;
}

/**
 * The volunteer in the path as they stand on the shift's roster; otherwise 404. On a shift the viewer does not own (a
 * partner organisation on the station's service day) only their own volunteers: they do not take off the station's.
 */
async function rosterEntry(c: AppContext, shift: ManagedShift) {
  const vid = Number(c.req.param('vid'));
  const entry = (await roster(c.get('deps').db, shift.id)).find((r) => r.volunteerId === vid);
  if (!entry) notFound();
  await partnerReach(c, shift);
  return entry;
}

/** On a shift the viewer does not own, the volunteer in the path must be one of the viewer's own; otherwise 404. */
async function partnerReach(c: AppContext, shift: ManagedShift) {
  const viewer = viewerOf(c);
  if (can(viewer, 'manage', shift)) return;
  const reached = await volunteerInReach(c.get('deps').db, volunteerScope(viewer), Number(c.req.param('vid')));
  if (!reached) notFound();
}

/** The roster page; a refused change re-renders it with the reason (422) and nothing written. */
async function renderRoster(c: AppContext, shift: ManagedShift, q = '', error?: string) {
  const { db, now } = c.get('deps');
  const viewer = viewerOf(c);
  const [rows, open, candidates] = await Promise.all([
    roster(db, shift.id),
    managedShifts(db, staffScope(viewer), today(c)),
    q ? rosterCandidates({ db, reach: volunteerScope(viewer), shiftId: shift.id, q }) : null,
  ]);
  const ui = uiOf(c);
  const started = shift.startsAt.getTime() <= now().getTime();
  const props = { shift, rows, candidates, q, started, owner: can(viewer, 'manage', shift) };
  const others = open.filter((o) => o.id !== shift.id);
  return renderPage(
    c,
    <RosterPage ui={{ ...ui, flash: error ?? ui.flash }} others={others} {...props} />,
    error ? 422 : 200,
  );
}

rosterRoutes.get('/:id{[0-9]+}', async (c) => {
  const shift = await staffedShift(c);
  return renderRoster(c, shift, rosterQuery.parse(c.req.query()).q);
});

function addRefusal(c: AppContext, result: StaffAddResult & { ok: false }) {
  const t = c.get('t');
  // Outside the adder's volunteers (another township, not a member, pending): as if it did not exist.
  if (result.reason === 'notFound') notFound();
  if (result.reason === 'overlap') return t('roster.overlap', { shift: overlapLabel(result.other) });
  return t(`roster.${result.reason}`);
}

rosterRoutes.post('/:id{[0-9]+}/roster/add', async (c) => {
  const shift = await staffedShift(c);
  const { db, now } = c.get('deps');
  const form = parseForm(rosterAddForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderRoster(c, shift, '', c.get('t')('form.required'));
  const { volunteerId, waitlist } = form.data;
  const ctx = { db, now: now(), actor: viewerOf(c), shift, volunteerId, allowWaitlist: waitlist };
  const result = await staffAdd(ctx);
  if (!result.ok) return renderRoster(c, shift, '', addRefusal(c, result));
  setFlash(c, result.status === 'confirmed' ? 'roster.added' : 'roster.addedWaitlist');
  return redirectAfterPost(c, `/shifts/${shift.id}`);
});

/** The page that asks once more before a roster change, back to the shift. */
function confirmPage(c: AppContext, shift: ManagedShift, props: Omit<ConfirmProps, 'ui' | 'back'>) {
  return renderPage(c, <ConfirmPage ui={uiOf(c)} back={`/shifts/${shift.id}`} {...props} />);
}

rosterRoutes.get('/:id{[0-9]+}/roster/:vid{[0-9]+}/remove', async (c) => {
  const shift = await staffedShift(c);
  const entry = await rosterEntry(c, shift);
  const t = c.get('t');
  return confirmPage(c, shift, {
    title: t('roster.confirm.remove.title'),
    body: t('roster.confirm.remove.body', { name: entry.name, shift: line(shift) }),
    action: `/shifts/${shift.id}/roster/${entry.volunteerId}/remove`,
    yes: t('roster.confirm.remove.yes'),
  });
});

rosterRoutes.post('/:id{[0-9]+}/roster/:vid{[0-9]+}/remove', async (c) => {
  const shift = await staffedShift(c);
  await partnerReach(c, shift);
  const { db, now } = c.get('deps');
  const removed = await removeFromShift({
    db,
    shift,
    volunteerId: Number(c.req.param('vid')),
    by: { actorUserId: viewerOf(c).id },
    now: now(),
  });
  if (!removed) notFound();
  setFlash(c, 'shifts.removed');
  return redirectAfterPost(c, `/shifts/${shift.id}`);
});

/** The move's target from the query or the form: another shift the viewer may staff, or 404. */
async function moveTarget(c: AppContext, shift: ManagedShift, values: Record<string, unknown>) {
  const form = moveForm.safeParse(values);
  const target = form.success
    ? await findShift(c.get('deps').db, staffScope(viewerOf(c)), form.data.toShiftId)
    : undefined;
  if (!target || target.id === shift.id || target.status !== 'open') notFound();
  return target;
}

rosterRoutes.get('/:id{[0-9]+}/roster/:vid{[0-9]+}/move', async (c) => {
  const shift = await staffedShift(c);
  const target = await moveTarget(c, shift, c.req.query());
  const entry = await rosterEntry(c, shift);
  const t = c.get('t');
  return confirmPage(c, shift, {
    title: t('roster.confirm.move.title'),
    body: t('roster.confirm.move.body', { name: entry.name, shift: line(shift), to: shiftOption(target) }),
    action: `/shifts/${shift.id}/roster/${entry.volunteerId}/move`,
    fields: { toShiftId: String(target.id) },
    yes: t('roster.confirm.move.yes'),
  });
});

function moveRefusal(c: AppContext, result: MoveResult & { ok: false }) {
  const t = c.get('t');
  if (result.reason === 'overlap') return t('roster.move.overlap', { shift: overlapLabel(result.other) });
  return t(`roster.move.${result.reason}`);
}

rosterRoutes.post('/:id{[0-9]+}/roster/:vid{[0-9]+}/move', async (c) => {
  const shift = await staffedShift(c);
  await partnerReach(c, shift);
  const to = await moveTarget(c, shift, await readForm(c));
  const { db, now } = c.get('deps');
  const volunteerId = Number(c.req.param('vid'));
  const result = await staffMove({ db, now: now(), actor: viewerOf(c), from: shift, to, volunteerId });
  if (!result.ok) return renderRoster(c, shift, '', moveRefusal(c, result));
  setFlash(c, 'shifts.moved');
  return redirectAfterPost(c, `/shifts/${shift.id}`);
});

rosterRoutes.post('/:id{[0-9]+}/roster/:vid{[0-9]+}/hours', async (c) => {
  const shift = await staffedShift(c);
  await partnerReach(c, shift);
  const { db, now } = c.get('deps');
  const form = parseForm(hoursForm, await readForm(c), c.get('t'));
  const served = { db, now: now(), actor: viewerOf(c), shiftId: shift.id, volunteerId: Number(c.req.param('vid')) };
  const ok = form.ok && (await staffConfirmHours({ ...served, ...form.data }));
  setFlash(c, ok ? 'shifts.hoursConfirmed' : 'shifts.hoursNotYet');
  return redirectAfterPost(c, `/shifts/${shift.id}`);
});

/** Only the shift's own manager cancels it (a staffing organisation does not), whatever the staffing Scope holds. */
async function ownShift(c: AppContext) {
  const shift = await staffedShift(c);
  if (!can(viewerOf(c), 'manage', shift)) notFound();
  return shift;
}

rosterRoutes.get('/:id{[0-9]+}/cancel-shift', async (c) => {
  const shift = await ownShift(c);
  const t = c.get('t');
  return confirmPage(c, shift, {
    title: t('roster.confirm.cancel.title'),
    body: t('roster.confirm.cancel.body', { shift: line(shift), count: shift.confirmed + shift.waitlisted }),
    action: `/shifts/${shift.id}/cancel-shift`,
    yes: t('roster.confirm.cancel.yes'),
  });
});

rosterRoutes.post('/:id{[0-9]+}/cancel-shift', async (c) => {
  const shift = await ownShift(c);
  const { db, now } = c.get('deps');
  await cancelWholeShift({ db, shift, now: now() });
  setFlash(c, 'shifts.shiftCancelled');
  return redirectAfterPost(c, '/shifts');
});
