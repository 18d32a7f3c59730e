import type { Viewer } from '../../lib/context.js';

export type UserAction = 'list' | 'create' | 'disable' | 'enable';

/** Only the county administrator manages accounts. */
export function can(viewer: Viewer | null, _action: UserAction): boolean {
  return viewer?.role === 'county_admin';
}
