import { Hono } from 'hono';
import { TasksPage } from '../../../views/pages/visits/tasks.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { can, scope } from './policy.js';
import { closeTask, openTasks } from './tasks.js';

/** The station's tasks from visit outcomes: a deceased recipient to exit, a moved one to transfer. */
export const taskRoutes = new Hono<AppEnv>();

taskRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'needs'));
  const tasks = await openTasks(c.get('deps').db, scope(viewerOf(c)));
  return renderPage(c, <TasksPage ui={uiOf(c)} tasks={tasks} />);
});

taskRoutes.post('/:id{[0-9]+}/done', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'followUp'));
  const { db, now } = c.get('deps');
  const ctx = { db, scope: scope(viewer), id: Number(c.req.param('id')), actorUserId: viewer.id };
  const result = await closeTask({ ...ctx, today: businessDate(now()), now: now() });
  if (result === 'not_found') notFound();
  setFlash(c, result === 'ok' ? 'task.closed' : 'needs.wrongState');
  return redirectAfterPost(c, '/visits/tasks');
});
