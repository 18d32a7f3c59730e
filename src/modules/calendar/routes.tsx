import { Hono } from 'hono';
import { allowPublic, notFound } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { feedFor, volunteerOfToken } from './feed.js';

/** The feed itself: public by secret (calendar apps carry no session); unknown or revoked tokens are 404. */
export const calendarFeedRoutes = new Hono<AppEnv>();

calendarFeedRoutes.get('/:file{[A-Za-z0-9_-]+\\.ics}', async (c) => {
  const db = c.get('deps').db;
  const volunteerId = await volunteerOfToken(db, c.req.param('file').slice(0, -4));
  if (volunteerId === null) notFound();
  allowPublic(c);
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Cache-Control', 'private, no-store');
  const deps = c.get('deps');
  return c.body(
    await feedFor(db, volunteerId, {
      name: c.get('t')('shifts.mine'),
      uidDomain: deps.config.calendarUidDomain,
      now: deps.now(),
    }),
  );
});
