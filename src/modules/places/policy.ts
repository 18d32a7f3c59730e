import type { Viewer } from '../../lib/context.js';

/** Townships and villages are few and only the county admin edits them; the register page is theirs too. */
export const can = (viewer: Viewer | null) => viewer?.role === 'county_admin';
