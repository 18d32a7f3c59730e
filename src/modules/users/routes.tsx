import { Hono } from 'hono';
import { UsersPage } from '../../../views/pages/users/list.js';
import { NewUserPage } from '../../../views/pages/users/new.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { townshipChoices } from '../places/queries.js';
import { can } from './policy.js';
import { listUsers, organisationOptions } from './queries.js';
import { newUserForm } from './schema.js';
import { createUser, setUserActive } from './service.js';

export const userRoutes = new Hono<AppEnv>();

async function renderNew(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const db = c.get('deps').db;
  const page = (
    <NewUserPage
      ui={uiOf(c)}
      townships={await townshipChoices(db)}
      organisations={await organisationOptions(db)}
      values={values}
      errors={errors}
    />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

userRoutes.get('/', async (c) => {
  authorize(c, can(c.get('viewer'), 'list'));
  return renderPage(c, <UsersPage ui={uiOf(c)} rows={await listUsers(c.get('deps').db)} />);
});

userRoutes.get('/new', async (c) => {
  authorize(c, can(c.get('viewer'), 'create'));
  return renderNew(c);
});

userRoutes.post('/', async (c) => {
  authorize(c, can(c.get('viewer'), 'create'));
  const deps = c.get('deps');
  const form = parseForm(newUserForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderNew(c, form.values, form.errors);
  const result = await createUser(deps, form.data, deps.now());
  if (!result.ok) return renderNew(c, form.values, { username: c.get('t')('username.taken') });
  deps.logger.info('user_created', { by: viewerOf(c).id, userId: result.id, role: form.data.role });
  setFlash(c, 'users.created');
  return redirectAfterPost(c, '/admin/users');
});

userRoutes.post('/:id{[0-9]+}/:action{disable|enable}', async (c) => {
  const viewer = viewerOf(c);
  const action = c.req.param('action') as 'disable' | 'enable';
  authorize(c, can(viewer, action));
  const deps = c.get('deps');
  const userId = Number(c.req.param('id'));
  const result = await setUserActive({ db: deps.db, now: deps.now(), actor: viewer, userId, action });
  if (result === 'missing') notFound();
  if (result === 'done') deps.logger.info(`user_${action}d`, { by: viewer.id, userId });
  setFlash(
    c,
    result === 'self' ? 'users.cannotDisableSelf' : action === 'disable' ? 'users.disabledDone' : 'users.enabledDone',
  );
  return redirectAfterPost(c, '/admin/users');
});
