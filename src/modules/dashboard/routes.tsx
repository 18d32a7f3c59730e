import { Hono } from 'hono';
import { DashboardPage } from '../../../views/pages/dashboard/index.js';
import { VolunteerHomePage } from '../../../views/pages/dashboard/volunteer.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { dashboardComplianceChart } from '../visits/compliance.js';
import { can as canVisits } from '../visits/policy.js';
import { dashboardCards } from './cards.js';
import { home } from './policy.js';
import { volunteerHome } from './volunteer-home.js';

export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/', async (c) => {
  // Every logged-in role has a dashboard; what it shows is scoped by the cards' own queries.
  const viewer = viewerOf(c);
  authorize(c, true);
  const deps = c.get('deps');
  if (home(viewer) === 'volunteer')
    return renderPage(
      c,
      <VolunteerHomePage
        ui={uiOf(c)}
        home={await volunteerHome({ db: deps.db, userId: viewer.id, now: deps.now() })}
      />,
    );
  // The county administrator sees every township's visit compliance as a chart (refreshed every five minutes).
  const today = businessDate(deps.now());
  const chart = canVisits(viewer, 'countyCompliance')
    ? await dashboardComplianceChart(deps.db, today, c.get('t')('compliance.chartTitle'), deps.now())
    : null;
  return renderPage(
    c,
    <DashboardPage ui={uiOf(c)} cards={await dashboardCards({ db: deps.db, viewer, today })} complianceChart={chart} />,
  );
});
