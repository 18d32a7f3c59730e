import type { Dictionary } from './core.js';
import { enCommon } from './common.js';
import { enLedger } from '../../modules/ledger/messages.js';

export const en: Dictionary = {
  ...enCommon,
  ...enLedger,
};
