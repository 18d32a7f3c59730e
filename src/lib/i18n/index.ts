import type { Dictionary, Locale, MessageKey, Translate } from './core.js';
import { en } from './en.js';
import { zh } from './zh.js';

export * from './core.js';
export const dictionaries: Record<Locale, Dictionary> = { zh, en };

/** Returns a translator for a locale; `{name}` placeholders are filled from params. */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key: MessageKey, params?: Record<string, string | number>) => {
    const template = dict[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Translates a zod issue message when it is a dictionary key, else returns it unchanged. */
export function translateMessage(t: Translate, message: string, params?: Record<string, string | number>): string {
  return message in dictionaries.zh ? t(message as MessageKey, params) : message;
}
