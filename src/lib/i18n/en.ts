import type { Dictionary } from './core.js';
import { enCommon } from './common.js';
import { enRecipients } from '../../modules/recipients/messages.js';
import { enRegistry } from '../../modules/registry/messages.js';
import { enLedger } from '../../modules/ledger/messages.js';
import { enShifts } from '../../modules/shifts/messages.js';

export const en: Dictionary = {
  ...enCommon,
  ...enRegistry,
  ...enRecipients,
  ...enLedger,
  ...enShifts,
};
