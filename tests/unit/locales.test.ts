// Chromium refuses to load an extension whose _locales break its rules, silently in headless runs.
import { describe, expect, it } from 'vitest';
import zh from '../../public/_locales/zh_CN/messages.json';
import en from '../../public/_locales/en/messages.json';

describe('_locales', () => {
  it('uses only message names Chromium accepts', () => {
    for (const key of [...Object.keys(zh), ...Object.keys(en)]) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });
  it('has the same messages in Chinese and English, with the same substitutions', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, { message }] of Object.entries(zh)) {
      const subs = (s: string) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort().join();
      expect(subs((en as Record<string, { message: string }>)[key].message), key).toBe(subs(message));
    }
  });
});
