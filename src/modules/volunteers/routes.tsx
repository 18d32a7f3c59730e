import { Hono } from 'hono';
import {
  JoinPage,
  VolunteerDetailPage,
  VolunteerFormPage,
  VolunteerListPage,
} from '../../../views/pages/volunteers/pages.js';
import { acting, allowPublic, authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { boundOrganisation, boundTownship } from '../../lib/scope.js';
import { volunteerDetail } from './detail.js';
import { type JoinOutcome, organisationProblemKey, submitJoin } from './join.js';
import { can, scope } from './policy.js';
import { choices, findVolunteer, listVolunteers } from './queries.js';
import { joinForm, listQuery, PRIVACY_NOTICE_VERSION, type VolunteerInput, volunteerForm } from './schema.js';
import { approve, createVolunteer, updateVolunteer } from './service.js';

export const volunteerRoutes = new Hono<AppEnv>();
export const joinRoutes = new Hono<AppEnv>();

volunteerRoutes.get('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'list'));
  const q = listQuery.parse(c.req.query());
  return renderPage(
    c,
    <VolunteerListPage
      ui={uiOf(c)}
      rows={await listVolunteers({ ...c.get('deps'), scope: scope(viewer), query: q })}
      q={q.q}
      status={q.status}
      canCreate={can(viewer, 'create')}
      canLogin={can(viewer, 'login')}
    />,
  );
});

async function renderForm(c: AppContext, action: string, editing: boolean, values?: FormValues, errors?: FieldErrors) {
  const viewer = viewerOf(c);
  const opts = await choices(c.get('deps').db, boundTownship(scope(viewer)));
  return renderPage(
    c,
    <VolunteerFormPage ui={uiOf(c)} action={action} editing={editing} choices={opts} values={values} errors={errors} />,
    errors ? 422 : 200,
  );
}

/** Station staff keep volunteers in their township; coordinators add them to their own organisation. */
async function outOfReach(c: AppContext, v: VolunteerInput): Promise<FieldErrors | null> {
  const viewer = viewerOf(c);
  const t = c.get('t');
  const reach = scope(viewer);
  const ownTownship = boundTownship(reach);
  if (ownTownship !== null && v.townshipId !== ownTownship) return { townshipId: t('vols.error.township') };
  const ownOrganisation = boundOrganisation(reach);
  if (ownOrganisation !== null) v.organisationId = ownOrganisation;
  return organisationProblem(c, v.organisationId);
}

/** A chosen organisation that is unknown, or withdrawn from incubation (it takes no new volunteers). */
async function organisationProblem(c: AppContext, id: number | null | undefined): Promise<FieldErrors | null> {
  const key = await organisationProblemKey(c.get('deps').db, id);
  return key ? { organisationId: c.get('t')(key) } : null;
}

volunteerRoutes.get('/new', (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'create'));
  return renderForm(c, '/volunteers', false, {
    townshipId: viewer.townshipId ? String(viewer.townshipId) : '',
    availability: 'both',
    status: 'active',
  });
});

volunteerRoutes.post('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'create'));
  const deps = c.get('deps');
  const form = parseForm(volunteerForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderForm(c, '/volunteers', false, form.values, form.errors);
  const problem = await outOfReach(c, form.data);
  if (problem) return renderForm(c, '/volunteers', false, form.values, problem);
  const result = await createVolunteer({ ...deps, actorUserId: viewer.id, now: deps.now(), input: form.data });
  if (!result.ok) return renderForm(c, '/volunteers', false, form.values, { mobile: c.get('t')(result.message) });
  setFlash(c, 'vols.saved');
  return redirectAfterPost(c, `/volunteers/${result.id}`);
});

/** The context of a use case the signed-in viewer performs now. */
async function scoped(c: AppContext) {
  const row = await findVolunteer(c.get('deps').db, scope(viewerOf(c)), Number(c.req.param('id')));
  if (!row) notFound();
  return row;
}

async function detailPage(c: AppContext, reveal: boolean) {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'view'));
  const row = await scoped(c);
  const shown = await volunteerDetail({ ...acting(c), volunteer: row.v, reveal });
  return renderPage(
    c,
    <VolunteerDetailPage
      ui={uiOf(c)}
      row={row}
      {...shown}
      canEdit={can(viewer, 'edit')}
      canLogin={can(viewer, 'login')}
    />,
  );
}

volunteerRoutes.get('/:id{[0-9]+}', (c) => detailPage(c, false));

// The full number is shown on request, by POST: the reveal is recorded, and a GET never writes.
volunteerRoutes.post('/:id{[0-9]+}/reveal', (c) => detailPage(c, true));

volunteerRoutes.get('/:id{[0-9]+}/edit', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'edit'));
  const { v } = await scoped(c);
  const deps = c.get('deps');
  return renderForm(c, `/volunteers/${v.id}`, true, {
    name: v.name,
    // The number being edited is the form's value; a GET records nothing (saving the change is audited).
    mobile: await deps.cipher.decrypt(v.mobileEnc),
    townshipId: v.townshipId ? String(v.townshipId) : '',
    skills: v.skills,
    partyMember: v.partyMember ? '1' : '',
    availability: v.availability,
    status: v.status,
  });
});

volunteerRoutes.post('/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'edit'));
  const { v } = await scoped(c);
  const action = `/volunteers/${v.id}`;
  const form = parseForm(volunteerForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderForm(c, action, true, form.values, form.errors);
  const problem = await outOfReach(c, form.data);
  if (problem) return renderForm(c, action, true, form.values, problem);
  const result = await updateVolunteer({ ...acting(c), current: v, input: form.data });
  if (!result.ok) return renderForm(c, action, true, form.values, { mobile: c.get('t')(result.message) });
  setFlash(c, 'vols.saved');
  return redirectAfterPost(c, action);
});

volunteerRoutes.post('/:id{[0-9]+}/approve', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'approve'));
  const { v } = await scoped(c);
  const deps = c.get('deps');
  // Only a pending sign-up is approved; anything else changes nothing and says why.
  setFlash(
    c,
    (await approve({ db: deps.db, current: v, actorUserId: viewer.id, now: deps.now() }))
      ? 'vols.approved'
      : 'vols.notPending',
  );
  return redirectAfterPost(c, `/volunteers/${v.id}`);
});

// The public sign-up page: anyone may open it; what it creates cannot log in until approved.
joinRoutes.get('/', async (c) => {
  allowPublic(c);
  return renderPage(
    c,
    <JoinPage
      privacyVersion={PRIVACY_NOTICE_VERSION}
      ui={uiOf(c)}
      choices={await choices(c.get('deps').db, null)}
      values={{ availability: 'service_days' }}
    />,
  );
});

joinRoutes.post('/', async (c) => {
  allowPublic(c);
  const deps = c.get('deps');
  const form = parseForm(joinForm, await readForm(c), c.get('t'));
  if (!form.ok) return joinPage(c, { values: form.values, errors: form.errors }, 422);
  const ip = deps.clientIp?.(c) ?? 'unknown';
  const outcome = await submitJoin({ ...deps, ip, input: form.data, now: deps.now() });
  if (outcome.kind === 'throttled' || outcome.kind === 'unknown') return joinRefused(c, outcome, form.values);
  // A mobile already registered gets the same answer as a new sign-up (and nothing is written): the public page
  // must not tell anyone whether a number is in the register. Its owner can already log in or ask their station.
  if (outcome.kind === 'joined') deps.logger.info('volunteer_joined', { volunteerId: outcome.id });
  else deps.logger.info('volunteer_join_duplicate', {});
  return joinPage(c, { done: true });
});

/** The sign-up page with the county's choices; `ui` replaces the page's usual chrome (a flash, say). */
async function joinPage(
  c: AppContext,
  props: { values?: FormValues; errors?: FieldErrors; done?: boolean; ui?: ReturnType<typeof uiOf> },
  status: 200 | 422 | 429 = 200,
) {
  const { ui, ...rest } = props;
  const opts = await choices(c.get('deps').db, null);
  return renderPage(
    c,
    <JoinPage privacyVersion={PRIVACY_NOTICE_VERSION} ui={ui ?? uiOf(c)} choices={opts} {...rest} />,
    status,
  );
}

/** A sign-up refused before anything is written: too many attempts (when to try again), or ids naming nothing. */
function joinRefused(
  c: AppContext,
  outcome: Extract<JoinOutcome, { kind: 'throttled' | 'unknown' }>,
  values: FormValues,
) {
  const t = c.get('t');
  if (outcome.kind === 'unknown') {
    const errors: FieldErrors = {};
    for (const [field, key] of Object.entries(outcome.errors)) errors[field] = t(key);
    return joinPage(c, { values, errors }, 422);
  }
  c.header('Retry-After', String(outcome.retryAfter));
  const flash = t('vols.join.throttled', { minutes: Math.ceil(outcome.retryAfter / 60) });
  return joinPage(c, { values, ui: { ...uiOf(c), flash } }, 429);
}
