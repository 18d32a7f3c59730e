import { Hono } from 'hono';
import { DashboardPage } from '../../../views/pages/dashboard/index.js';
import { VolunteerHomePage } from '../../../views/pages/dashboard/volunteer.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { renderRememberedPage, uiOf } from '../../lib/render.js';
import { home } from './policy.js';
import { staffDashboard } from './service.js';
import { volunteerHome } from './volunteer-home.js';

export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/', async (c) => {
  // Every logged-in role has a dashboard; what it shows is scoped by the cards' own queries.
  const viewer = viewerOf(c);
  authorize(c, true);
  const { db, now } = c.get('deps');
  if (home(viewer) === 'volunteer') {
    const page = await volunteerHome({ db, userId: viewer.id, now: now() });
    const ui = uiOf(c);
    // Shifts and a count only (no household's personal data), so the page may be remembered by what it shows.
    return renderRememberedPage(c, ui, JSON.stringify(page), () => <VolunteerHomePage ui={ui} home={page} />);
  }
  const chartTitle = c.get('t')('compliance.chartTitle');
  const shown = await staffDashboard({ db, now: now(), viewer, chartTitle });
  const ui = uiOf(c);
  // Counts and a chart of rates (no person's data): remembered by what it shows, as the volunteer's home.
  return renderRememberedPage(c, ui, JSON.stringify(shown), () => (
    <DashboardPage ui={ui} cards={shown.cards} complianceChart={shown.complianceChart} />
  ));
});
