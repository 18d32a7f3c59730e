import type { Dictionary } from './core.js';
import { enCommon } from './common.js';
import { enVisits } from '../../modules/visits/messages.js';

export const en: Dictionary = {
  ...enCommon,
  ...enVisits,
};
