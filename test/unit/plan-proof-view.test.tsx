import { describe, expect, it } from 'vitest';
import { type Locale, translator } from '../../src/lib/i18n/index.js';
import type { Ui } from '../../src/lib/ui.js';
import { PlanProofLine } from '../../views/pages/plans/plan.js';

const ui = (locale: Locale): Ui => ({ t: translator(locale), locale, viewer: null, path: '/plans/1', flash: null });
const html = (locale: Locale, proof: Parameters<typeof PlanProofLine>[0]['proof']) =>
  String(PlanProofLine({ ui: ui(locale), proof }));

describe('the plan page says what the time budget proved', () => {
  it('optimal, or the gap in the first tier not proven, in Chinese and English', () => {
    const zero = { covered: 0, priority: 0, travel: 0 };
    expect(html('zh', { optimal: true, gap: zero, timeLimitMs: 5000 })).toContain('最优（已证明）');
    expect(html('en', { optimal: true, gap: zero, timeLimitMs: 5000 })).toContain('Optimal (proven)');
    const covered = { optimal: false, gap: { covered: 2, priority: null, travel: null }, timeLimitMs: 5000 };
    expect(html('zh', covered)).toContain('与最优差距 ≤ 2 户（5.0 秒内未能证明最优');
    const priority = { optimal: false, gap: { covered: 0, priority: 12, travel: null }, timeLimitMs: 3000 };
    expect(html('zh', priority)).toContain('与最优差距 ≤ 优先分 12（覆盖户数已最优）');
    expect(html('en', priority)).toContain('Within 12 priority points (coverage is optimal) of the optimum');
    const travel = { optimal: false, gap: { covered: 0, priority: 0, travel: 34 }, timeLimitMs: 5000 };
    expect(html('zh', travel)).toContain('路程 3.4 公里（覆盖与优先已最优）');
    expect(html('en', travel)).toContain('3.4 km of travel (coverage and priority are optimal)');
    expect(html('zh', travel)).toContain('data-optimal="false"');
    expect(html('zh', null)).toContain('尚无证明');
  });
});
