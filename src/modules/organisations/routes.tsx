import { Hono } from 'hono';
import { OrganisationDetailPage } from '../../../views/pages/organisations/detail.js';
import { OrganisationFormPage } from '../../../views/pages/organisations/form.js';
import { IntakePage } from '../../../views/pages/organisations/intake.js';
import { OrganisationListPage } from '../../../views/pages/organisations/list.js';
import { businessDate } from '../../domain/dates.js';
import { intakePerYear } from '../../domain/incubation.js';
import { acting, authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { townshipChoices } from '../places/queries.js';
import { can } from './policy.js';
import { admissions, findOrganisation, listOrganisations, stageHistory, volunteerCount } from './queries.js';
import { listQuery, organisationForm, stageForm } from './schema.js';
import { changeStage, createOrganisation, updateOrganisation } from './service.js';

/** The incubation centre admits about ten organisations a year (seed article). */
export const INTAKE_TARGET = 10;

export const organisationRoutes = new Hono<AppEnv>();

organisationRoutes.get('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'list'));
  const q = listQuery.parse(c.req.query());
  return renderPage(
    c,
    <OrganisationListPage
      ui={uiOf(c)}
      rows={await listOrganisations(c.get('deps').db, q)}
      q={q.q}
      kind={q.kind}
      canManage={can(viewer, 'manage')}
    />,
  );
});

organisationRoutes.get('/intake', async (c) => {
  authorize(c, can(viewerOf(c), 'list'));
  const { admittedOn, firstYear } = await admissions(c.get('deps').db);
  const thisYear = Number(businessDate(c.get('deps').now()).slice(0, 4));
  const rows = intakePerYear(admittedOn, thisYear, firstYear ?? thisYear);
  return renderPage(c, <IntakePage ui={uiOf(c)} rows={rows} target={INTAKE_TARGET} />);
});

async function renderForm(c: AppContext, action: string, editing: boolean, values?: FormValues, errors?: FieldErrors) {
  const page = (
    <OrganisationFormPage
      ui={uiOf(c)}
      action={action}
      editing={editing}
      townships={await townshipChoices(c.get('deps').db)}
      values={values}
      errors={errors}
    />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

organisationRoutes.get('/new', (c) => {
  authorize(c, can(viewerOf(c), 'manage'));
  return renderForm(c, '/organisations', false, {
    kind: 'social_org',
    incubationYear: businessDate(c.get('deps').now()).slice(0, 4),
  });
});

organisationRoutes.post('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'manage'));
  const t = c.get('t');
  const form = parseForm(organisationForm, await readForm(c), t);
  if (!form.ok) return renderForm(c, '/organisations', false, form.values, form.errors);
  const result = await createOrganisation({ ...acting(c), input: form.data });
  if (!result.ok) return renderForm(c, '/organisations', false, form.values, { [result.field]: t(result.message) });
  setFlash(c, 'orgs.saved');
  return redirectAfterPost(c, `/organisations/${result.id}`);
});

async function found(c: AppContext) {
  const row = await findOrganisation(c.get('deps').db, Number(c.req.param('id')));
  if (!row) notFound();
  return row;
}

async function renderDetail(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const { o, township } = await found(c);
  const db = c.get('deps').db;
  const page = (
    <OrganisationDetailPage
      ui={uiOf(c)}
      o={o}
      township={township}
      volunteers={await volunteerCount(db, o.id)}
      history={await stageHistory(db, o.id)}
      canManage={can(viewerOf(c), 'manage')}
      values={values ?? { on: businessDate(c.get('deps').now()) }}
      errors={errors}
    />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

organisationRoutes.get('/:id{[0-9]+}', (c) => {
  authorize(c, can(viewerOf(c), 'view'));
  return renderDetail(c);
});

organisationRoutes.get('/:id{[0-9]+}/edit', async (c) => {
  authorize(c, can(viewerOf(c), 'manage'));
  const { o } = await found(c);
  const s = (v: string | number | null) => (v === null ? '' : String(v));
  return renderForm(c, `/organisations/${o.id}`, true, {
    name: o.name,
    kind: o.kind,
    townshipId: s(o.townshipId),
    creditCode: s(o.creditCode),
    contactName: s(o.contactName),
    contactPhone: s(o.contactPhone),
    regional: o.regional ? '1' : '',
    beds: s(o.beds),
    incubationYear: s(o.incubationYear),
  });
});

organisationRoutes.post('/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'manage'));
  const { o } = await found(c);
  const t = c.get('t');
  const action = `/organisations/${o.id}`;
  const form = parseForm(organisationForm, await readForm(c), t);
  if (!form.ok) return renderForm(c, action, true, form.values, form.errors);
  const result = await updateOrganisation({ ...acting(c), current: o, input: form.data });
  if (!result.ok) return renderForm(c, action, true, form.values, { [result.field]: t(result.message) });
  setFlash(c, 'orgs.saved');
  return redirectAfterPost(c, action);
});

organisationRoutes.post('/:id{[0-9]+}/stage', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'manage'));
  const { o } = await found(c);
  const form = parseForm(stageForm, await readForm(c), c.get('t'));
  if (!form.ok || o.kind !== 'social_org')
    return renderDetail(c, form.values, form.ok ? { stage: c.get('t')('form.invalidChoice') } : form.errors);
  const refused = await changeStage({ ...acting(c), id: o.id, input: form.data });
  if (refused) return renderDetail(c, form.values, { stage: c.get('t')(`orgs.error.stage.${refused}`) });
  setFlash(c, 'orgs.stageChanged');
  return redirectAfterPost(c, `/organisations/${o.id}`);
});
