import { Hono } from 'hono';
import { RecipientDetailPage, RevealedFields } from '../../../views/pages/recipients/detail.js';
import { RecipientFormPage } from '../../../views/pages/recipients/form.js';
import { RecipientListPage } from '../../../views/pages/recipients/list.js';
import { RecipientResults } from '../../../views/partials/recipients/results.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { isHtmx, redirectAfterPost, renderPage, sendHtml, uiOf } from '../../lib/render.js';
import { boundTownship } from '../../lib/scope.js';
import { townshipChoices } from '../places/queries.js';
import { aidHistory } from './aid-history.js';
import { can, scope } from './policy.js';
import { findRecipient, formOptions, recipientAssessments, recipientHistory } from './queries.js';
import { assessmentForm, editRecipientForm, listQuery, newRecipientForm } from './schema.js';
import {
  addAssessment,
  createRecipient,
  type RecipientContext,
  reveal,
  searchRecipients,
  updateRecipient,
} from './service.js';

export const recipientRoutes = new Hono<AppEnv>();

const today = (c: AppContext) => businessDate(c.get('deps').now());

/** The one context object the recipient use cases take: stores, this instant and the viewer acting. */
function context(c: AppContext): RecipientContext {
  const { db, cipher, now } = c.get('deps');
  return { db, cipher, now: now(), actorUserId: viewerOf(c).id };
}

recipientRoutes.get('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'list'));
  const query = listQuery.parse(c.req.query());
  const found = await searchRecipients({ db: c.get('deps').db, scope: scope(viewer), query, today: today(c) });
  if (isHtmx(c)) return sendHtml(c, <RecipientResults t={c.get('t')} {...found} today={today(c)} />);
  return listPage(c, found);
});

/** The whole list page: the results with the search form and what the viewer may do from here. */
async function listPage(c: AppContext, found: Awaited<ReturnType<typeof searchRecipients>>) {
  const viewer = viewerOf(c);
  const townships = await townshipChoices(c.get('deps').db, viewer.townshipId);
  return renderPage(
    c,
    <RecipientListPage
      ui={uiOf(c)}
      {...found}
      today={today(c)}
      townships={townships}
      canCreate={can(viewer, 'create')}
      canExport={can(viewer, 'export')}
      canImport={can(viewer, 'import')}
    />,
  );
}

async function renderForm(
  c: AppContext,
  mode: 'new' | 'edit',
  action: string,
  values?: FormValues,
  errors?: FieldErrors,
  masked?: string,
  maskedMobile?: string | null,
) {
  const viewer = viewerOf(c);
  const options = await formOptions(c.get('deps').db, boundTownship(scope(viewer)));
  const page = (
    <RecipientFormPage
      ui={uiOf(c)}
      mode={mode}
      action={action}
      options={options}
      values={values}
      errors={errors}
      maskedIdNumber={masked}
      maskedMobile={maskedMobile}
    />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

function problemErrors(c: AppContext, field: string, message: string): FieldErrors {
  return { [field]: c.get('t')(message as MessageKey) };
}

recipientRoutes.get('/new', (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'create'));
  return renderForm(c, 'new', '/recipients', {
    townshipId: viewer.townshipId ? String(viewer.townshipId) : '',
    supportMode: 'home',
    assessedOn: today(c),
  });
});

recipientRoutes.post('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'create'));
  const form = parseForm(newRecipientForm, await readForm(c), c.get('t'));
  if (!form.ok) return newFormAgain(c, form.values, form.errors);
  if (!can(viewer, 'create', form.data)) return newFormAgain(c, form.values, townshipProblem(c));
  const result = await createRecipient({ ...context(c), input: form.data });
  if (!result.ok) return newFormAgain(c, form.values, problemErrors(c, result.problem.field, result.problem.message));
  setFlash(c, 'recipients.created');
  return redirectAfterPost(c, `/recipients/${result.id}`);
});

/** The new-recipient form again, filled in, with what stopped it. */
const newFormAgain = (c: AppContext, values: FormValues, errors: FieldErrors) =>
  renderForm(c, 'new', '/recipients', values, errors);

/** A township outside the viewer's own is refused on the form, not with a 403: the form is theirs. */
const townshipProblem = (c: AppContext) => problemErrors(c, 'townshipId', 'recipients.error.township');

/**
 * The recipient named in the path, if the viewer's scope holds them; otherwise 404. Handlers first authorize the
 * action for the role (403), then look the record up (404 outside the scope), then check the record itself.
 */
async function scopedRecipient(c: AppContext) {
  const found = await findRecipient(c.get('deps').db, scope(viewerOf(c)), Number(c.req.param('id')));
  if (!found) notFound();
  return found;
}

async function renderDetail(
  c: AppContext,
  extra: {
    revealed?: { idNumber: string; caregiverMobile: string | null };
    values?: FormValues;
    errors?: FieldErrors;
  } = {},
) {
  const viewer = viewerOf(c);
  const detail = await scopedRecipient(c);
  const db = c.get('deps').db;
  const aidPage = /^\d{1,5}$/.test(c.req.query('history') ?? '') ? Math.max(1, Number(c.req.query('history'))) : 1;
  const [assessments, history, aid] = await Promise.all([
    recipientAssessments(db, detail.recipient.id),
    recipientHistory(db, detail.recipient.id),
    aidHistory(db, {
      scope: scope(viewer),
      recipientId: detail.recipient.id,
      page: aidPage,
      year: today(c).slice(0, 4),
    }),
  ]);
  const page = (
    <RecipientDetailPage
      ui={uiOf(c)}
      detail={detail}
      assessments={assessments}
      history={history}
      aid={aid}
      aidPage={aidPage}
      today={today(c)}
      canEdit={can(viewer, 'edit', detail.recipient)}
      canReveal={can(viewer, 'reveal', detail.recipient)}
      revealed={extra.revealed}
      assessmentValues={extra.values}
      assessmentErrors={extra.errors}
    />
  );
  return renderPage(c, page, extra.errors ? 422 : 200);
}

recipientRoutes.get('/:id{[0-9]+}', async (c) => {
  authorize(c, can(viewerOf(c), 'view'));
  return renderDetail(c);
});

recipientRoutes.post('/:id{[0-9]+}/reveal', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'reveal'));
  const detail = await scopedRecipient(c);
  authorize(c, can(viewer, 'reveal', detail.recipient));
  const revealed = await reveal({ ...context(c), recipient: detail.recipient });
  c.get('deps').logger.info('recipient_revealed', { by: viewer.id, recipientId: detail.recipient.id });
  if (isHtmx(c)) return sendHtml(c, <RevealedFields ui={uiOf(c)} detail={detail} revealed={revealed} canReveal />);
  return renderDetail(c, { revealed });
});

recipientRoutes.post('/:id{[0-9]+}/assessments', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'assess'));
  const detail = await scopedRecipient(c);
  authorize(c, can(viewer, 'assess', detail.recipient));
  const form = parseForm(assessmentForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderDetail(c, { values: form.values, errors: form.errors });
  const { db, now, actorUserId } = context(c);
  await addAssessment({ db, now, actorUserId, recipientId: detail.recipient.id, input: form.data });
  setFlash(c, 'recipients.assessmentAdded');
  return redirectAfterPost(c, `/recipients/${detail.recipient.id}`);
});

function valuesOf(r: Awaited<ReturnType<typeof scopedRecipient>>['recipient']): FormValues {
  const s = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    name: r.name,
    townshipId: s(r.townshipId),
    villageId: s(r.villageId),
    address: s(r.address),
    supportMode: r.supportMode,
    nursingHomeId: s(r.nursingHomeId),
    careNotes: s(r.careNotes),
    caregiverName: s(r.caregiverName),
    agreementKind: s(r.agreementKind),
    agreementSignedOn: s(r.agreementSignedOn),
    agreementEndsOn: s(r.agreementEndsOn),
    status: r.status,
    exitReason: s(r.exitReason),
    exitedOn: s(r.exitedOn),
  };
}

recipientRoutes.get('/:id{[0-9]+}/edit', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'edit'));
  const { recipient } = await scopedRecipient(c);
  authorize(c, can(viewer, 'edit', recipient));
  return renderForm(
    c,
    'edit',
    `/recipients/${recipient.id}`,
    valuesOf(recipient),
    undefined,
    recipient.idNumberMasked,
    recipient.caregiverMobileMasked,
  );
});

recipientRoutes.post('/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'edit'));
  const { recipient } = await scopedRecipient(c);
  authorize(c, can(viewer, 'edit', recipient));
  const action = `/recipients/${recipient.id}`;
  const form = parseForm(editRecipientForm, await readForm(c), c.get('t'));
  const again = (errors: FieldErrors) =>
    renderForm(c, 'edit', action, form.values, errors, recipient.idNumberMasked, recipient.caregiverMobileMasked);
  if (!form.ok) return again(form.errors);
  if (!can(viewer, 'edit', form.data)) return again(townshipProblem(c));
  const problem = await updateRecipient({ ...context(c), current: recipient, input: form.data });
  if (problem) return again(problemErrors(c, problem.field, problem.message));
  setFlash(c, 'recipients.updated');
  return redirectAfterPost(c, action);
});
