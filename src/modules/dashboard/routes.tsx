import { Hono } from 'hono';
import type { AppEnv } from '../../lib/context.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import { dashboardCards } from './cards.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { DashboardPage } from '../../../views/pages/dashboard/index.js';

export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/', async (c) => {
  // Every logged-in role has a dashboard; what it shows is scoped by the cards' own queries.
  const viewer = viewerOf(c);
  authorize(c, true);
  return renderPage(c, <DashboardPage ui={uiOf(c)} cards={await dashboardCards(c.get('deps').db, viewer)} />);
});
