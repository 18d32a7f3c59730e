import { Hono } from 'hono';
import {
  JoinPage,
  VolunteerDetailPage,
  VolunteerFormPage,
  VolunteerListPage,
} from '../../../views/pages/volunteers/pages.js';
import { reserveAttempt, retryAfterSeconds, THROTTLE_MAX_FAILURES } from '../../auth/throttle.js';
import { allowPublic, authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { boundOrganisation, boundTownship } from '../../lib/scope.js';
import { loginState } from './logins.js';
import { can, scope } from './policy.js';
import {
  choices,
  findVolunteer,
  listVolunteers,
  memberships,
  organisationStanding,
  townshipExists,
} from './queries.js';
import { joinForm, listQuery, PRIVACY_NOTICE_VERSION, type VolunteerInput, volunteerForm } from './schema.js';
import { approve, createVolunteer, join, revealMobile, updateVolunteer } from './service.js';

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
      rows={await listVolunteers(c.get('deps').db, scope(viewer), q, c.get('deps').cipher)}
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
  const standing = id ? await organisationStanding(c.get('deps').db, id) : 'ok';
  if (standing === 'ok') return null;
  const t = c.get('t');
  return {
    organisationId: t(standing === 'withdrawn' ? 'vols.error.organisationWithdrawn' : 'vols.error.organisation'),
  };
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

async function scoped(c: AppContext) {
  const row = await findVolunteer(c.get('deps').db, scope(viewerOf(c)), Number(c.req.param('id')));
  if (!row) notFound();
  return row;
}

volunteerRoutes.get('/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'view'));
  const row = await scoped(c);
  const deps = c.get('deps');
  const mobile = await revealMobile({
    ...deps,
    actorUserId: viewer.id,
    now: deps.now(),
    volunteer: row.v,
    shownOn: 'detail',
  });
  return renderPage(
    c,
    <VolunteerDetailPage
      ui={uiOf(c)}
      row={row}
      mobile={mobile}
      orgs={await memberships(c.get('deps').db, row.v.id)}
      login={await loginState(c.get('deps').db, row.v.userId)}
      canEdit={can(viewer, 'edit')}
      canLogin={can(viewer, 'login')}
    />,
  );
});

volunteerRoutes.get('/:id{[0-9]+}/edit', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'edit'));
  const { v } = await scoped(c);
  const deps = c.get('deps');
  return renderForm(c, `/volunteers/${v.id}`, true, {
    name: v.name,
    mobile: await revealMobile({ ...deps, actorUserId: viewer.id, now: deps.now(), volunteer: v, shownOn: 'edit' }),
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
  const deps = c.get('deps');
  const action = `/volunteers/${v.id}`;
  const form = parseForm(volunteerForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderForm(c, action, true, form.values, form.errors);
  const problem = await outOfReach(c, form.data);
  if (problem) return renderForm(c, action, true, form.values, problem);
  const result = await updateVolunteer({
    ...deps,
    actorUserId: viewer.id,
    now: deps.now(),
    current: v,
    input: form.data,
  });
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
  setFlash(c, (await approve(deps.db, v, viewer.id, deps.now())) ? 'vols.approved' : 'vols.notPending');
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
  const t = c.get('t');
  const opts = await choices(deps.db, null);
  const form = parseForm(joinForm, await readForm(c), t);
  if (!form.ok)
    return renderPage(
      c,
      <JoinPage
        privacyVersion={PRIVACY_NOTICE_VERSION}
        ui={uiOf(c)}
        choices={opts}
        values={form.values}
        errors={form.errors}
      />,
      422,
    );
  // A public form that creates accounts: at most five well-formed attempts per address in 15 minutes, counted in
  // the login throttle's table (same window, same clean-up) and claimed atomically before anything is written, so
  // a script cannot fill the pending list. A malformed form creates nothing, so it does not count.
  const buckets = [{ key: `join:${deps.clientIp?.(c) ?? 'unknown'}`, limit: THROTTLE_MAX_FAILURES }];
  if (!(await reserveAttempt(deps.db, buckets, deps.now()))) {
    const wait = await retryAfterSeconds(deps.db, buckets, deps.now());
    c.header('Retry-After', String(wait));
    return renderPage(
      c,
      <JoinPage
        privacyVersion={PRIVACY_NOTICE_VERSION}
        ui={{ ...uiOf(c), flash: t('vols.join.throttled', { minutes: Math.ceil(wait / 60) }) }}
        choices={opts}
        values={form.values}
      />,
      429,
    );
  }
  // Ids that name nothing are the visitor's mistake (422), not a foreign-key error (500).
  const unknown: FieldErrors = { ...(await organisationProblem(c, form.data.organisationId)) };
  if (!(await townshipExists(deps.db, form.data.townshipId))) unknown.townshipId = t('vols.error.townshipUnknown');
  if (Object.keys(unknown).length)
    return renderPage(
      c,
      <JoinPage
        privacyVersion={PRIVACY_NOTICE_VERSION}
        ui={uiOf(c)}
        choices={opts}
        values={form.values}
        errors={unknown}
      />,
      422,
    );
  const result = await join({ ...deps, input: form.data, now: deps.now() });
  // A mobile already registered gets the same answer as a new sign-up (and nothing is written): the public page
  // must not tell anyone whether a number is in the register. Its owner can already log in or ask their station.
  if (result.ok) deps.logger.info('volunteer_joined', { volunteerId: result.id });
  else deps.logger.info('volunteer_join_duplicate', {});
  return renderPage(c, <JoinPage privacyVersion={PRIVACY_NOTICE_VERSION} ui={uiOf(c)} choices={opts} done />);
});
