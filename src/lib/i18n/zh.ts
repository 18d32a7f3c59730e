import { zhCommon } from './common.js';

/** The Chinese dictionary: the reference set of keys. Each module's strings are spread in here. */
export const zh = {
  ...zhCommon,
} as const;
