import type { Dictionary } from './core.js';
import { enCommon } from './common.js';
import { enRecipients } from '../../modules/recipients/messages.js';
import { enRegistry } from '../../modules/registry/messages.js';

export const en: Dictionary = {
  ...enCommon,
  ...enRegistry,
  ...enRecipients,
};
