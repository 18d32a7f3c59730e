import { Hono } from 'hono';
import { EditShiftPage, ManageShiftsPage, NewShiftPage } from '../../../views/pages/shifts/manage.js';
import { MyShiftsPage } from '../../../views/pages/shifts/mine.js';
import { UpcomingShiftsPage } from '../../../views/pages/shifts/upcoming.js';
import { ShiftCard } from '../../../views/partials/shifts/card.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { isHtmx, redirectAfterPost, renderPage, renderRememberedPage, sendHtml, uiOf } from '../../lib/render.js';
import type { Ui } from '../../lib/ui.js';
import { optedOut } from '../calendar/feed.js';
import { createShift } from './create.js';
import { can, type ShiftReach, scope } from './policy.js';
import {
  findShift,
  hotQueries,
  type ManagedShift,
  managedShifts,
  myShifts,
  shiftFormOptions,
  shiftForVolunteer,
  upcomingFor,
  upcomingKey,
} from './queries.js';
import { editShiftForm, newShiftForm, upcomingQuery } from './schema.js';
import {
  cancelSignup,
  type EditResult,
  editShift,
  overlapLabel,
  type SignUpResult,
  signUpVolunteer,
} from './service.js';

type EditRefusal = Exclude<EditResult, { ok: true }>;

export const shiftRoutes = new Hono<AppEnv>();

const today = (c: AppContext) => businessDate(c.get('deps').now());

/** The volunteer record of the logged-in volunteer, or null when the account is not linked yet. */
export async function currentVolunteer(c: AppContext) {
  const [v] = await hotQueries(c.get('deps').db).volunteerOfUser.all({ userId: viewerOf(c).id });
  return v ?? null;
}

shiftRoutes.get('/', async (c) => {
  const viewer = viewerOf(c);
  const db = c.get('deps').db;
  if (!can(viewer, 'browse')) {
    authorize(c, can(viewer, 'manage'));
    const shifts = await managedShifts(db, scope(viewer, 'see'), today(c));
    return renderPage(c, <ManageShiftsPage ui={uiOf(c)} shifts={shifts} />);
  }
  authorize(c, can(viewer, 'browse'));
  const parsed = upcomingQuery.parse(c.req.query());
  const q = { date: parsed.date ?? '', skill: parsed.skill ?? '', page: parsed.page };
  const list = await upcomingFor({ db, userId: viewer.id, from: today(c), ...q });
  return sendUpcoming(c, uiOf(c), list, q);
});

type UpcomingList = Awaited<ReturnType<typeof upcomingFor>>;

/** The volunteers' list, remembered by every value it shows (its rows, filters and the flash on top). */
function sendUpcoming(
  c: AppContext,
  ui: Ui,
  list: UpcomingList,
  q: { date: string; skill: string; page: number },
  status: 200 | 422 = 200,
) {
  const shown = `${upcomingKey(list)} ${JSON.stringify(q)}`;
  return renderRememberedPage(c, ui, shown, () => <UpcomingShiftsPage ui={ui} {...list} {...q} />, status);
}

shiftRoutes.get('/mine', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  return renderMyShifts(c, await currentVolunteer(c));
});

/** The volunteer's own shifts, upcoming (soonest first) and past; `feedUrl` only on the response that made it. */
export async function renderMyShifts(c: AppContext, v: { id: number } | null, feedUrl?: string) {
  const db = c.get('deps').db;
  const rows = v ? await myShifts(db, v.id) : [];
  const now = c.get('deps').now().getTime();
  return renderPage(
    c,
    <MyShiftsPage
      ui={uiOf(c)}
      upcoming={rows.filter((r) => r.startsAt.getTime() > now).reverse()}
      past={rows.filter((r) => r.startsAt.getTime() <= now)}
      feedUrl={feedUrl}
      smsOptedOut={v ? await optedOut(db, v.id, 'sms') : false}
    />,
  );
}

const OUTCOME_MESSAGES: Record<string, MessageKey> = {
  confirmed: 'shifts.signedUp',
  waitlisted: 'shifts.waitlisted',
  full: 'shifts.full',
  already: 'shifts.already',
  past: 'shifts.past',
};

/** After a volunteer's tap: htmx gets the card back (with the message); a plain form goes back to the list. */
async function answerVolunteer(
  c: AppContext,
  shiftId: number,
  volunteerId: number,
  message: MessageKey | string,
  refused: boolean,
) {
  const t = c.get('t');
  const text = message.startsWith('shifts.') ? t(message as MessageKey) : message;
  if (isHtmx(c)) {
    const shift = await shiftForVolunteer(c.get('deps').db, shiftId, volunteerId);
    if (!shift) notFound();
    return sendHtml(c, <ShiftCard t={t} shift={shift} message={text} refused={refused} />, refused ? 422 : 200);
  }
  if (!refused) {
    setFlash(c, message as MessageKey);
    return redirectAfterPost(c, safeBack(c));
  }
  // Without JavaScript a refusal re-renders the list with the reason on top, and nothing was written.
  const q = { date: '', skill: '', page: 1 };
  const found = await upcomingFor({ db: c.get('deps').db, userId: viewerOf(c).id, from: today(c), ...q });
  // The reason is a message of the dictionary (a shift's label or skills at most): remembered with the list.
  return sendUpcoming(c, { ...uiOf(c), flash: text }, found, q, 422);
}

function safeBack(c: AppContext) {
  const referer = c.req.header('referer');
  try {
    const path = referer ? new URL(referer).pathname : '';
    // The volunteer's home offers the one-tap sign-up too: back there after it.
    return path === '/shifts/mine' || path === '/' ? path : '/shifts';
  } catch {
    return '/shifts';
  }
}

/** The page or card that answers a sign-up: the outcome's message, refused (422) unless a place was taken. */
function signUpAnswered(c: AppContext, shiftId: number, volunteerId: number, result: SignUpResult) {
  const t = c.get('t');
  if (result.ok) {
    const refused = result.outcome === 'full' || result.outcome === 'already';
    return answerVolunteer(c, shiftId, volunteerId, OUTCOME_MESSAGES[result.outcome], refused);
  }
  if (result.reason === 'notFound') notFound();
  const message =
    result.reason === 'overlap'
      ? t('shifts.overlap', { shift: overlapLabel(result.other) })
      : result.reason === 'skill'
        ? t('shifts.needsSkill', { skills: (result.missing ?? []).join('、') })
        : OUTCOME_MESSAGES[result.reason];
  return answerVolunteer(c, shiftId, volunteerId, message, true);
}

shiftRoutes.post('/:id{[0-9]+}/signup', async (c) => {
  authorize(c, can(viewerOf(c), 'signUp'));
  const deps = c.get('deps');
  const shiftId = Number(c.req.param('id'));
  const v = await currentVolunteer(c);
  if (!v) return answerVolunteer(c, shiftId, 0, 'shifts.noVolunteer', true);
  const allowWaitlist = (await readForm(c)).waitlist === '1';
  const result = await signUpVolunteer({ db: deps.db, now: deps.now(), shiftId, volunteer: v, allowWaitlist });
  return signUpAnswered(c, shiftId, v.id, result);
});

shiftRoutes.post('/:id{[0-9]+}/cancel', async (c) => {
  authorize(c, can(viewerOf(c), 'signUp'));
  const deps = c.get('deps');
  const v = await currentVolunteer(c);
  const shift = await shiftForVolunteer(deps.db, Number(c.req.param('id')), v?.id ?? 0);
  if (!shift || !v) notFound();
  await cancelSignup({ db: deps.db, shift, volunteerId: v.id, now: deps.now() });
  return answerVolunteer(c, shift.id, v.id, 'shifts.cancelled', false);
});

async function renderNew(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const options = await shiftFormOptions(c.get('deps').db, scope(viewerOf(c)));
  return renderPage(c, <NewShiftPage ui={uiOf(c)} values={values} errors={errors} {...options} />, errors ? 422 : 200);
}

shiftRoutes.get('/new', (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'create'));
  return renderNew(c, {
    date: today(c),
    startTime: '08:30',
    endTime: '12:00',
    capacity: '10',
    workKind: 'home_visit',
    organisationId: viewer.organisationId ? String(viewer.organisationId) : '',
    townshipId: viewer.townshipId ? String(viewer.townshipId) : '',
  });
});

shiftRoutes.post('/', async (c) => {
  const actor = viewerOf(c);
  authorize(c, can(actor, 'create'));
  const deps = c.get('deps');
  const form = parseForm(newShiftForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderNew(c, form.values, form.errors);
  const result = await createShift({ db: deps.db, now: deps.now(), actor, input: form.data });
  if (!result.ok) return renderNew(c, form.values, translated(c, result.errors));
  setFlash(c, 'shifts.created');
  return redirectAfterPost(c, `/shifts/${result.id}`);
});

/** Field errors named by message keys, in the viewer's language. */
function translated(c: AppContext, keys: Partial<Record<string, MessageKey>>): FieldErrors {
  const t = c.get('t');
  return Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, t(key as MessageKey)]));
}

/** The shift in the path if the manager's scope holds it for the reach; otherwise 404. */
async function scopedShift(c: AppContext, reach: ShiftReach = 'manage') {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'roster'));
  const shift = await findShift(c.get('deps').db, scope(viewer, reach), Number(c.req.param('id')));
  if (!shift) notFound();
  return shift;
}

function renderEdit(c: AppContext, shift: ManagedShift, values: FormValues, errors?: FieldErrors) {
  return renderPage(
    c,
    <EditShiftPage ui={uiOf(c)} shift={shift} values={values} errors={errors} />,
    errors ? 422 : 200,
  );
}

shiftRoutes.get('/:id{[0-9]+}/edit', async (c) => {
  const shift = await scopedShift(c);
  const { title, place, description, date, startTime, endTime, capacity, requiredSkills, workKind } = shift;
  return renderEdit(c, shift, {
    title,
    place: place ?? '',
    description: description ?? '',
    date,
    startTime,
    endTime,
    capacity: String(capacity),
    requiredSkills: requiredSkills.join('、'),
    workKind,
  });
});

/** A refused edit comes back filled, with the reason on the field it concerns. */
function editRefused(c: AppContext, shift: ManagedShift, values: FormValues, result: EditRefusal) {
  const t = c.get('t');
  if (result.reason === 'past') return renderEdit(c, shift, values, { date: t('shifts.edit.past') });
  if (result.reason === 'belowConfirmed')
    return renderEdit(c, shift, values, {
      capacity: t('shifts.edit.belowConfirmed', { confirmed: result.confirmed }),
    });
  return renderEdit(c, shift, values, { title: t('shifts.edit.closed') });
}

shiftRoutes.post('/:id{[0-9]+}/edit', async (c) => {
  const shift = await scopedShift(c);
  const deps = c.get('deps');
  const form = parseForm(editShiftForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderEdit(c, shift, form.values, form.errors);
  const result = await editShift({ db: deps.db, shift, input: form.data, today: today(c), now: deps.now() });
  if (!result.ok) return editRefused(c, shift, form.values, result);
  deps.logger.info('shift_edited', { by: viewerOf(c).id, shiftId: shift.id });
  setFlash(c, 'shifts.edit.saved');
  return redirectAfterPost(c, `/shifts/${shift.id}`);
});
