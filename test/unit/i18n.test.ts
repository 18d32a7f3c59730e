import { describe, expect, it } from 'vitest';
import { dictionaries, translator } from '../../src/lib/i18n/index.js';

describe('dictionaries', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    const zh = Object.keys(dictionaries.zh).sort();
    const en = Object.keys(dictionaries.en).sort();
    expect(en).toEqual(zh);
    for (const [locale, dict] of Object.entries(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), `${locale}:${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(dictionaries.zh) as (keyof typeof dictionaries.zh)[]) {
      expect(names(dictionaries.en[key]), key).toEqual(names(dictionaries.zh[key]));
    }
  });

  it('fills placeholders', () => {
    expect(translator('zh')('dashboard.welcome', { name: '张三' })).toBe('您好，张三');
    expect(translator('en')('form.tooLong', { max: 50 })).toBe('At most 50 characters.');
  });
});
