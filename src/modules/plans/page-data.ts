import type { Db } from '../../db/client.js';
import { DEFAULT_CAPACITY } from '../../domain/matching/index.js';
import { coveragePeriodOf } from './coverage-periods.js';
import { type PlanShift, plannerInput } from './planner-input.js';
import { planChanges } from './publish.js';
import { confirmedVolunteers, findPlan, planRows, volunteerNames } from './queries.js';

/** Everything the plan page shows for a shift, read in one go (the page itself is a pure view of it). */
export async function planPageData(db: Db, shift: PlanShift) {
  const plan = await findPlan(db, shift.id);
  const [input, period, volunteers, working, published] = await Promise.all([
    plannerInput({ db, shift, plan }),
    coveragePeriodOf(db, shift.townshipId),
    confirmedVolunteers(db, shift.id),
    plan ? planRows(db, plan.id, false) : [],
    plan ? planRows(db, plan.id, true) : [],
  ]);
  const recipientNames = new Map<number, string>([
    ...[...input.candidates].map(([id, c]) => [id, c.name] as const),
    ...working.map((r) => [r.recipientId, r.recipient] as const),
    ...published.map((r) => [r.recipientId, r.recipient] as const),
  ]);
  const planned = new Set(working.map((r) => r.recipientId));
  // The candidates come in the coverage rule's order: the most pressing left out first.
  const uncovered = input.recipients
    .filter((r) => !planned.has(r.id))
    .map((r) => ({ id: r.id, careLevel: r.careLevel, ...input.candidates.get(r.id)! }));
  const changes = plan?.publishedAt ? planChanges(working, published) : [];
  // Someone who left the shift after planning still holds households until the next re-plan: show them, flagged.
  const confirmed = new Set(volunteers.map((v) => v.id));
  const gone = await volunteerNames(
    db,
    [...new Set(working.map((r) => r.volunteerId))].filter((id) => !confirmed.has(id)),
  );
  const listed = [
    ...volunteers.map((v) => ({ id: v.id, name: v.name, gone: false })),
    ...gone.map((v) => ({ ...v, gone: true })),
  ];
  return {
    plan,
    working,
    volunteers: listed,
    uncovered,
    due: input.recipients.length,
    capacity: plan?.householdsPerVolunteer ?? DEFAULT_CAPACITY,
    months: input.months,
    /** Who set the period in force for the shift's township: it, the county, or nobody (the default). */
    periodSource: period.source,
    nursingHomes: input.nursingHomes,
    // Households the page can add by hand: those on nobody's list, the rule's candidates first.
    addable: [
      ...uncovered.map((u) => ({ id: u.id, name: u.name, village: u.village })),
      ...input.households.filter((h) => !planned.has(h.id) && !input.candidates.has(h.id)),
    ],
    changes,
    recipientNames,
    volunteerNames: new Map(listed.map((v) => [v.id, v.name])),
  };
}
export type PlanPageData = Awaited<ReturnType<typeof planPageData>>;
