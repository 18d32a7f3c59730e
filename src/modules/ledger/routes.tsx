import { Hono } from 'hono';
import { ActivityDetailPage } from '../../../views/pages/ledger/detail.js';
import { ActivitiesPage } from '../../../views/pages/ledger/list.js';
import { NewActivityPage } from '../../../views/pages/ledger/new.js';
import { AddLineButton, LineRow } from '../../../views/partials/ledger/line-row.js';
import { RecipientOptions } from '../../../views/partials/ledger/recipient-options.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { translateMessage } from '../../lib/i18n/index.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { randomToken } from '../../lib/tokens.js';
import { townshipChoices } from '../places/queries.js';
import { can, ownsOrganisation } from './policy.js';
import {
  findActivity,
  findLine,
  formValuesOf,
  listActivities,
  nursingHomes,
  organisationOptions,
  PAGE_SIZE,
  recordingOrganisations,
  searchRecipients,
} from './queries.js';
import { activityForm, type FilterValues, filtersForm, parseLines, reverseForm } from './schema.js';
import { formKey, recordActivity, reverseLine } from './service.js';
import { activityVoidRoutes } from './void-routes.js';

export const activityRoutes = new Hono<AppEnv>();

const arr = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const newKey = () => randomToken(16, 'hex');

async function renderNew(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const viewer = viewerOf(c);
  const db = c.get('deps').db;
  const q = (c.req.query('q') ?? (typeof values?.q === 'string' ? values.q : '')).trim();
  const chosen = arr(values?.recipientIds).map(Number).filter(Number.isInteger);
  const found = [
    ...(chosen.length ? await searchRecipients(db, viewer, '', chosen) : []),
    ...(q ? await searchRecipients(db, viewer, q) : []),
  ];
  const unique = [...new Map(found.map((r) => [r.id, r])).values()];
  const key = typeof values?.idempotencyKey === 'string' ? values.idempotencyKey : newKey();
  const page = (
    <NewActivityPage
      ui={uiOf(c)}
      formKey={key}
      organisations={await recordingOrganisations(db, viewer)}
      homes={await nursingHomes(db)}
      found={unique}
      q={q}
      values={values}
      errors={errors}
    />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

activityRoutes.get('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'list'));
  const db = c.get('deps').db;
  const values = c.req.query();
  const parsed = filtersForm.safeParse(values);
  const f: Partial<FilterValues> = parsed.success ? parsed.data : {};
  const page = Number(f.page ?? '1') || 1;
  const rows = await listActivities(
    db,
    viewer,
    {
      from: f.from || undefined,
      to: f.to || undefined,
      townshipId: f.townshipId ?? undefined,
      organisationId: f.organisationId ?? undefined,
      recipientId: f.recipientId ?? undefined,
      kind: f.kind || undefined,
    },
    page,
  );
  // A recipient's or an organisation's aid history is this list filtered; its heading names whose it is.
  const whose = f.recipientId
    ? (await searchRecipients(db, viewer, '', [f.recipientId]))[0]?.name
    : f.organisationId
      ? (await organisationOptions(db)).find((o) => o.id === f.organisationId)?.name
      : undefined;
  const link = (p: number) => `/activities?${new URLSearchParams({ ...values, page: String(p) })}`;
  return renderPage(
    c,
    <ActivitiesPage
      ui={uiOf(c)}
      rows={rows.slice(0, PAGE_SIZE)}
      values={values}
      townships={await townshipChoices(db)}
      organisations={await organisationOptions(db)}
      canRecord={can(viewer, 'record')}
      canImport={can(viewer, 'import')}
      heading={whose ? `${whose} · ${c.get('t')('activities.history')}` : undefined}
      prev={page > 1 ? link(page - 1) : undefined}
      next={rows.length > PAGE_SIZE ? link(page + 1) : undefined}
    />,
  );
});

activityRoutes.get('/new', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  // `?from=<id>`: record a voided activity again, its values filled in (a wrong household is corrected so).
  const from = /^\d{1,9}$/.test(c.req.query('from') ?? '') ? Number(c.req.query('from')) : null;
  const values = from === null ? undefined : await formValuesOf(c.get('deps').db, viewerOf(c), from);
  if (from !== null && !values) notFound();
  return renderNew(c, values && { ...values, from: String(from) });
});

/** htmx: one more line row, and the "add line" button with the next index. */
activityRoutes.get('/line', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  const index = Math.min(Number(c.req.query('index')) || 0, 99);
  const ui = uiOf(c);
  return c.html(
    String(
      <>
        <LineRow ui={ui} index={index} />
        <AddLineButton ui={ui} next={index + 1} oob />
      </>,
    ),
  );
});

/** htmx: recipients found by name within the viewer's scope; ticked ones stay. */
activityRoutes.get('/recipients', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'record'));
  const db = c.get('deps').db;
  const chosen = c.req.queries('recipientIds')?.map(Number).filter(Number.isInteger) ?? [];
  const q = (c.req.query('q') ?? '').trim();
  const found = [
    ...(chosen.length ? await searchRecipients(db, viewer, '', chosen) : []),
    ...(q ? await searchRecipients(db, viewer, q) : []),
  ];
  return c.html(
    String(
      <RecipientOptions
        ui={uiOf(c)}
        found={[...new Map(found.map((r) => [r.id, r])).values()]}
        chosen={new Set(chosen)}
      />,
    ),
  );
});

activityRoutes.post('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'record'));
  const deps = c.get('deps');
  const t = c.get('t');
  const values = await readForm(c);
  const form = parseForm(activityForm, values, t);
  const lines = parseLines(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, arr(v)])));
  if (!form.ok || 'error' in lines || lines.lines.length === 0) {
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if ('error' in lines) errors.lines = translateMessage(t, lines.error.message);
    else if (lines.lines.length === 0) errors.lines = t('activities.needLine');
    return renderNew(c, values, errors);
  }
  const orgs = await recordingOrganisations(deps.db, viewer);
  const org = orgs.find((o) => o.id === form.data.organisationId);
  if (!org || !ownsOrganisation(viewer, org)) return renderNew(c, values, { organisationId: t('form.invalidChoice') });
  // Households must be within the viewer's pickable scope (a station: its township).
  const allowed = form.data.recipientIds.length
    ? await searchRecipients(deps.db, viewer, '', form.data.recipientIds)
    : [];
  if (allowed.length !== new Set(form.data.recipientIds).size)
    return renderNew(c, values, { targets: t('activities.badTarget') });
  const { idempotencyKey, ...rest } = form.data;
  const result = await recordActivity(
    deps.db,
    { ...rest, lines: lines.lines },
    { idempotencyKey: formKey(viewer.id, idempotencyKey), actorUserId: viewer.id, now: deps.now() },
  );
  if (!result.ok) {
    const message = result.reason === 'key_reused' ? t('activities.keyReused') : t('activities.badTarget');
    return renderNew(c, { ...values, idempotencyKey: newKey() }, { _form: message });
  }
  if (result.created) deps.logger.info('activity_recorded', { by: viewer.id, activityId: result.id });
  setFlash(c, 'activities.recorded');
  return redirectAfterPost(c, `/activities/${result.id}`);
});

activityRoutes.get('/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'list'));
  const detail = await findActivity(c.get('deps').db, viewer, Number(c.req.param('id')));
  if (!detail) notFound();
  return renderPage(c, <ActivityDetailPage ui={uiOf(c)} detail={detail} canReverse={can(viewer, 'reverse')} />);
});

activityRoutes.post('/:id{[0-9]+}/lines/:line{[0-9]+}/reverse', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'reverse'));
  const deps = c.get('deps');
  const t = c.get('t');
  const activityId = Number(c.req.param('id'));
  const line = await findLine(deps.db, viewer, activityId, Number(c.req.param('line')));
  if (!line) notFound();
  const form = parseForm(reverseForm, await readForm(c), t);
  const detail = (await findActivity(deps.db, viewer, activityId))!;
  if (!form.ok)
    return renderPage(
      c,
      <ActivityDetailPage ui={uiOf(c)} detail={detail} canReverse errors={{ _form: Object.values(form.errors)[0] }} />,
      422,
    );
  const replacement =
    form.data.replacement === null || line.kind === 'service'
      ? null
      : {
          kind: line.kind,
          amountFen: form.data.replacement,
          goodsName: line.goodsName,
          quantity: line.quantity,
          unit: line.unit,
          serviceKind: null,
          serviceCentihours: 0,
          volunteers: null,
        };
  const result = await reverseLine(deps.db, line, replacement, {
    reason: form.data.reason,
    actorUserId: viewer.id,
    now: deps.now(),
  });
  if (!result.ok) {
    const fresh = (await findActivity(deps.db, viewer, activityId))!;
    return renderPage(
      c,
      <ActivityDetailPage ui={uiOf(c)} detail={fresh} canReverse errors={{ _form: t('activities.alreadyReversed') }} />,
      422,
    );
  }
  deps.logger.info('ledger_line_reversed', { by: viewer.id, lineId: line.id });
  setFlash(c, 'activities.reverseDone');
  return redirectAfterPost(c, `/activities/${activityId}`);
});

activityRoutes.route('/', activityVoidRoutes);
