import type { volunteers } from '../../db/schema/index.js';
import { loginState } from './logins.js';
import { memberships } from './queries.js';
import { revealMobile, type VolunteerContext } from './service.js';

/** What the volunteer's page shows beyond the row: the full mobile (a recorded reveal), organisations, login. */
export async function volunteerDetail(ctx: VolunteerContext & { volunteer: typeof volunteers.$inferSelect }) {
  const mobile = await revealMobile({ ...ctx, shownOn: 'detail' });
  const orgs = await memberships(ctx.db, ctx.volunteer.id);
  const login = await loginState(ctx.db, ctx.volunteer.userId);
  return { mobile, orgs, login };
}
