import { describe, expect, it } from 'vitest';
import { emptyMeasures } from '../../src/domain/aid-summary.js';
import { translator } from '../../src/lib/i18n/index.js';
import { amountWords, summarySentence } from '../../src/modules/reports/export.js';

const zh = translator('zh');
const en = translator('en');

describe('the summary sentence', () => {
  it('says 万元 from 1 万元 up and exact 元 below, in Chinese', () => {
    expect(amountWords(zh, 866_700_000)).toBe('866.7万元');
    expect(amountWords(zh, 1_000_000)).toBe('1.0万元');
    expect(amountWords(zh, 999_999)).toBe('9,999.99元');
    expect(amountWords(zh, 905_000)).toBe('9,050元');
    expect(amountWords(zh, 0)).toBe('0元');
  });

  it('says exact yuan in English, never "10k yuan"', () => {
    expect(amountWords(en, 866_700_000)).toBe('8,667,000 yuan');
    expect(amountWords(en, 905_050)).toBe('9,050.50 yuan');
  });

  it('reads as the seed does, with its counts', () => {
    const m = {
      ...emptyMeasures(),
      organisations_participating: 46,
      stations_participating: 17,
      nursing_homes_visited: 22,
      households_visited: 1189,
      assistance_events: 360,
      aid_total_fen: 866_700_000,
    };
    expect(summarySentence(zh, m)).toBe(
      '46家社会组织和17个乡镇社工站走访慰问22家敬老院和1189户分散供养特困人员，年帮扶360次，帮扶资金物资共计866.7万元',
    );
    expect(summarySentence(en, m)).toBe(
      '46 social organisations and 17 township stations visited 22 nursing homes and 1189 home-supported households, 360 assistance events in the year, cash and goods worth 8,667,000 yuan',
    );
  });
});
