// Which shifts each bench volunteer signs up for: only shifts they may take (open, not begun, skills held) and that
// overlap neither a place they already hold nor each other, so every sign-up the bench sends is one the overlap rule
// accepts (confirmed, or waitlisted once a shift is full) — a refusal in the sign-up row is then a real defect.

export interface PlanShift {
  id: number;
  startsAt: number;
  endsAt: number;
  requiredSkills: readonly string[];
}

export interface PlanVolunteer {
  skills: readonly string[];
  /** Places the volunteer already holds or awaits (start, end in ms). */
  held: readonly { startsAt: number; endsAt: number }[];
}

const overlaps = (a: { startsAt: number; endsAt: number }, b: { startsAt: number; endsAt: number }) =>
  a.startsAt < b.endsAt && a.endsAt > b.startsAt;

/** Per volunteer, the shift ids to sign up for, soonest first (a greedy pass over the shifts by start). */
export function signupPlan(shifts: readonly PlanShift[], volunteers: readonly PlanVolunteer[], after: number) {
  const bystart = shifts.filter((s) => s.startsAt > after).sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
  return volunteers.map((v) => {
    const taken: { startsAt: number; endsAt: number }[] = [...v.held];
    const ids: number[] = [];
    for (const s of bystart) {
      if (!s.requiredSkills.every((k) => v.skills.includes(k))) continue;
      if (taken.some((t) => overlaps(t, s))) continue;
      taken.push(s);
      ids.push(s.id);
    }
    return ids;
  });
}

/** The k-th request's (volunteer, shift): volunteers in turn, each moving to their next shift once all had a turn. */
export function pairAt(plan: readonly number[][], k: number): { volunteer: number; shiftId: number } | null {
  const volunteer = k % plan.length;
  const ids = plan[volunteer];
  const j = Math.floor(k / plan.length);
  return j < ids.length ? { volunteer, shiftId: ids[j] } : null;
}
