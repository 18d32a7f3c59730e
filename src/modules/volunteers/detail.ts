import type { volunteers } from '../../db/schema/index.js';
import { loginState } from './logins.js';
import { memberships } from './queries.js';
import { revealMobile, type VolunteerContext } from './service.js';

/**
 * What the volunteer's page shows beyond the row: the masked mobile, or the full one when asked for by POST (a
 * recorded reveal: a GET never writes), organisations, login.
 */
export async function volunteerDetail(
  ctx: VolunteerContext & { volunteer: typeof volunteers.$inferSelect; reveal: boolean },
) {
  const mobile = ctx.reveal ? await revealMobile({ ...ctx, shownOn: 'detail' }) : ctx.volunteer.mobileMasked;
  const orgs = await memberships(ctx.db, ctx.volunteer.id);
  const login = await loginState(ctx.db, ctx.volunteer.userId);
  return { mobile, revealed: ctx.reveal, orgs, login };
}
