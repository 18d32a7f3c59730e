import { Hono } from 'hono';
import type { AppEnv } from '../../lib/context.js';
import { authorize } from '../../lib/authz.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { DashboardPage } from '../../../views/pages/dashboard/index.js';

export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/', (c) => {
  // Every logged-in role has a dashboard; what it shows is scoped by the cards' own queries.
  authorize(c, !!c.get('viewer'));
  return renderPage(c, <DashboardPage ui={uiOf(c)} cards={[]} />);
});
