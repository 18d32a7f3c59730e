import type { CareLevel } from './vocabulary.js';

/** The six daily activities of the national assessment; true = unable to do it. */
export interface AdlItems {
  eating: boolean;
  dressing: boolean;
  bedTransfer: boolean;
  toileting: boolean;
  walking: boolean;
  bathing: boolean;
}

export const ADL_ITEMS = ['eating', 'dressing', 'bedTransfer', 'toileting', 'walking', 'bathing'] as const;

/** 0 activities impossible → fully self-caring; 1–3 → partly disabled; 4 or more → fully disabled. */
export function careLevelFromItems(items: AdlItems): CareLevel {
  const unable = ADL_ITEMS.filter((k) => items[k]).length;
  return unable === 0 ? 'self' : unable <= 3 ? 'partial' : 'full';
}
