import { zhCommon } from './common.js';
import { zhLedger } from '../../modules/ledger/messages.js';

/** The Chinese dictionary: the reference set of keys. Each module's strings are spread in here. */
export const zh = {
  ...zhCommon,
  ...zhLedger,
} as const;
