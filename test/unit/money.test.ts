import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatWanYuan, formatYuan, formatYuanGrouped, parseYuan } from '../../src/domain/money.js';

describe('money', () => {
  test.prop([fc.integer({ min: -1e15, max: 1e15 })])('parse(format(n)) = n for any fen amount', (n) => {
    expect(parseYuan(formatYuan(n))).toBe(n);
    expect(parseYuan(formatYuanGrouped(n))).toBe(n);
  });

  it('parses yuan text exactly, without floating point', () => {
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan(' 200 ')).toBe(20000);
    expect(parseYuan('8667000.00')).toBe(866700000);
    expect(parseYuan('-3.2')).toBe(-320);
  });

  it('refuses more than two decimals and non-numbers', () => {
    for (const bad of ['1.234', '', 'abc', '1e3', '.5', '1.', '--1', '１２']) expect(parseYuan(bad)).toBeNull();
  });

  it('formats 元 with two decimals and 万元 with one', () => {
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuanGrouped(123456789)).toBe('1,234,567.89');
    expect(formatWanYuan(866_700_000)).toBe('866.7');
    expect(formatWanYuan(866_650_000)).toBe('866.7');
    expect(formatWanYuan(866_649_999)).toBe('866.6');
    expect(formatWanYuan(0)).toBe('0.0');
  });
});
