import { zhCommon } from './common.js';
import { zhRecipients } from '../../modules/recipients/messages.js';
import { zhRegistry } from '../../modules/registry/messages.js';
import { zhLedger } from '../../modules/ledger/messages.js';
import { zhShifts } from '../../modules/shifts/messages.js';

/** The Chinese dictionary: the reference set of keys. Each module's strings are spread in here. */
export const zh = {
  ...zhCommon,
  ...zhRegistry,
  ...zhRecipients,
  ...zhLedger,
  ...zhShifts,
} as const;
