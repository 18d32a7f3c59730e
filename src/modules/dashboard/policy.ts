import type { Viewer } from '../../lib/context.js';

/** Which first screen a viewer gets: volunteers their own home (next shift, today, open shifts), staff the cards. */
export function home(viewer: Viewer): 'volunteer' | 'staff' {
  return viewer.role === 'volunteer' ? 'volunteer' : 'staff';
}
