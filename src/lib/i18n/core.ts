import type { zh } from './zh.js';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof zh;
/** Every dictionary must have exactly the keys of the Chinese one (the type checker and a test both check). */
export type Dictionary = { readonly [K in MessageKey]: string };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return value === 'zh' || value === 'en';
}
