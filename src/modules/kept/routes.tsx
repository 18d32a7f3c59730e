import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { ResumePage } from '../../../views/pages/kept/resume.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { KEPT_COOKIE, keptId } from './middleware.js';
import { resumeKept } from './summary.js';

/** Where the login page returns after a form was kept: the form comes back filled, one tap re-sends it. */
export const keptRoutes = new Hono<AppEnv>();

keptRoutes.get('/', async (c) => {
  authorize(c, !!c.get('viewer'));
  const { db, cipher, now } = c.get('deps');
  const id = keptId(c);
  const kept = id ? await resumeKept({ db, cipher, id, viewer: viewerOf(c), now: now() }) : null;
  // Someone else's kept form stays for its owner (until it expires); a taken one is done with.
  if (kept) deleteCookie(c, KEPT_COOKIE, { path: '/' });
  return renderPage(c, <ResumePage ui={uiOf(c)} kept={kept?.form ?? null} summary={kept?.summary} />);
});
