import type { Dictionary } from './core.js';
import { enCommon } from './common.js';

export const en: Dictionary = {
  ...enCommon,
};
