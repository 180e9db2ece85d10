/**
 * The page's language: Chinese for a browser asking for `zh-*`, English otherwise, until the
 * planner picks one (kept in localStorage). `t()` reads the catalogue of the current language;
 * `applyStaticText()` fills every element marked `data-i18n` (its text) or `data-i18n-<attr>`
 * (an attribute), so index.html carries keys, not words.
 */
import { CORRIDOR_NAMES_EN, en, type MessageKey } from './en.js';
import { CORRIDOR_NAMES_ZH, zh } from './zh.js';

export type Lang = 'zh' | 'en';
const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, zh };
const STORAGE_KEY = 'renxing.lang';

let current: Lang = 'en';

/** The language the page starts in: the planner's earlier choice, else the browser's. */
export function initialLang(stored: string | null, browser: readonly string[]): Lang {
  if (stored === 'zh' || stored === 'en') return stored;
  return browser.some((l) => l.toLowerCase().startsWith('zh')) || browser[0]?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang, storage?: Pick<Storage, 'setItem'>): void {
  current = next;
  storage?.setItem(STORAGE_KEY, next);
}

export function storedLang(storage: Pick<Storage, 'getItem'>): string | null {
  return storage.getItem(STORAGE_KEY);
}

/** The message for `key` in the current language with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[current][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A key built from data (a system, resource, kind): its message, or the raw value when the catalogue has none. */
export function tOr(key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback;
}

/** Chinese titles of the bundled scenarios, by id, from their files (`titleZh`). */
const scenarioTitlesZh = new Map<string, string>();

/** Learns the bundled scenarios' Chinese titles (runs and summaries name a scenario by its id). */
export function learnScenarioTitles(scenarios: readonly { id: string; titleZh?: string }[]): void {
  for (const s of scenarios) if (s.titleZh) scenarioTitlesZh.set(s.id, s.titleZh);
}

/** A bundled scenario's title in the current language. */
export function scenarioTitle(id: string, title: string): string {
  return current === 'zh' ? (scenarioTitlesZh.get(id) ?? title) : title;
}

/** A corridor's name: Chinese from the catalogue, English from its id ("beijing-tianjin" → "Beijing–Tianjin"). */
export function corridorName(id: string): string {
  if (current === 'zh') return CORRIDOR_NAMES_ZH[id] ?? id;
  return CORRIDOR_NAMES_EN[id] ?? id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('–');
}

/** Text and attributes of the marked elements under `root`, in the current language. */
export function applyStaticText(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset['i18n'] as MessageKey);
  for (const attr of ['aria-label', 'title', 'placeholder']) {
    const data = `i18n${attr.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.dataset[data] as MessageKey));
  }
}

/** A feature's name in the current language: `nameZh` in Chinese where it has one, else `name`, else `fallback`. */
export function localName(p: Record<string, unknown> | undefined, fallback: string): string {
  const zhName = current === 'zh' ? p?.['nameZh'] : undefined;
  if (typeof zhName === 'string') return zhName;
  return typeof p?.['name'] === 'string' ? p['name'] : fallback;
}
