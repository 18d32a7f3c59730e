import { zhCommon } from './common.js';
import { zhVisits } from '../../modules/visits/messages.js';

/** The Chinese dictionary: the reference set of keys. Each module's strings are spread in here. */
export const zh = {
  ...zhCommon,
  ...zhVisits,
} as const;
