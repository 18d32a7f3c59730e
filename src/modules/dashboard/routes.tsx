import { Hono } from 'hono';
import { DashboardPage } from '../../../views/pages/dashboard/index.js';
import { VolunteerHomePage } from '../../../views/pages/dashboard/volunteer.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { renderRememberedPage, uiOf } from '../../lib/render.js';
import { home } from './policy.js';
import { staffDashboard } from './service.js';
import { volunteerHome } from './volunteer-home.js';

export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/', (c) => {
  // Every logged-in role has a dashboard; what it shows is scoped by the cards' own queries.
  authorize(c, true);
  return home(viewerOf(c)) === 'volunteer' ? volunteerDashboard(c) : staffPage(c);
});

// Shifts and a count only (no household's personal data), so the page may be remembered by what it shows.
async function volunteerDashboard(c: AppContext) {
  const { db, now } = c.get('deps');
  const page = await volunteerHome({ db, userId: viewerOf(c).id, now: now() });
  const ui = uiOf(c);
  return renderRememberedPage(c, ui, JSON.stringify(page), () => <VolunteerHomePage ui={ui} home={page} />);
}

// Counts and a chart of rates (no person's data): remembered by what it shows, as the volunteer's home.
async function staffPage(c: AppContext) {
  const { db, now } = c.get('deps');
  const chartTitle = c.get('t')('compliance.chartTitle');
  const shown = await staffDashboard({ db, now: now(), viewer: viewerOf(c), chartTitle });
  const ui = uiOf(c);
  return renderRememberedPage(c, ui, JSON.stringify(shown), () => (
    <DashboardPage ui={ui} cards={shown.cards} complianceChart={shown.complianceChart} />
  ));
}
