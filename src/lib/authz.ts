import { HTTPException } from 'hono/http-exception';
import type { Role } from '../db/schema/index.js';
import type { AppContext, Viewer } from './context.js';

/**
 * The one authorization gate: every handler calls it (or `allowPublic`) before doing anything.
 * A successful response from a handler that never did is turned into an error by the app.
 */
export function authorize(c: AppContext, allowed: boolean): void {
  c.set('authorized', true);
  if (!allowed) throw new HTTPException(403, { message: 'forbidden' });
}

/** Marks a handler open to anyone (login, first run, health, public sign-up). */
export function allowPublic(c: AppContext): void {
  c.set('authorized', true);
}

/** The logged-in viewer; the auth middleware guarantees one on non-public routes. */
export function viewerOf(c: AppContext): Viewer {
  const viewer = c.get('viewer');
  if (!viewer) throw new HTTPException(401, { message: 'unauthenticated' });
  return viewer;
}

/** What a use case is told about who acts and when: the app's dependencies, the viewer's id, the clock's instant. */
export function acting(c: AppContext) {
  const deps = c.get('deps');
  return { ...deps, actorUserId: viewerOf(c).id, now: deps.now() };
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  return !!viewer && roles.includes(viewer.role);
}

export function notFound(): never {
  throw new HTTPException(404, { message: 'not found' });
}
