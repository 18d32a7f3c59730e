import type { Db } from '../../db/client.js';
import { businessDate } from '../../domain/dates.js';
import type { Viewer } from '../../lib/context.js';
import { dashboardComplianceChart } from '../visits/compliance.js';
import { can as canVisits } from '../visits/policy.js';
import { dashboardCards } from './cards.js';

/** What a staff member's dashboard shows: the cards their scope allows, and for the county the compliance chart. */
export async function staffDashboard(ctx: { db: Db; now: Date; viewer: Viewer; chartTitle: string }) {
  const { db, now, viewer, chartTitle } = ctx;
  const today = businessDate(now);
  // The county administrator sees every township's visit compliance as a chart (refreshed every five minutes).
  const complianceChart = canVisits(viewer, 'countyCompliance')
    ? await dashboardComplianceChart(db, today, chartTitle, now)
    : null;
  return { cards: await dashboardCards({ db, viewer, today }), complianceChart };
}
