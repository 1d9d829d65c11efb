import { en, type MessageKey, type Messages } from './en.js';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

// English is built in (it is also the fallback); other catalogues load on demand, so the first
// load carries one language only. English grows as later views load their words (views.ts).
type Catalogue = Partial<Record<MessageKey, string>>;
const CATALOGUES: Partial<Record<Language, Catalogue>> = { en: { ...en } };

/** Adds the English words of views that load on demand (see en-views.ts); translators see them at once. */
export function addEnglish(messages: Catalogue): void {
  Object.assign(CATALOGUES.en!, messages);
}
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  fr: () => import('./fr.js').then((m) => m.fr),
};

export function isLoaded(language: Language): boolean {
  return CATALOGUES[language] !== undefined;
}

/** Fetches a language's catalogue (a separate chunk) once; resolves when `createTranslator` can use it. */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || CATALOGUES[language]) return;
  CATALOGUES[language] = await LOADERS[language]();
}

/** The base of every `x_one`/`x_other` pair, so `plural()` only accepts keys that have both forms. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? (`${Base}_one` extends MessageKey ? Base : never) : never;
}[MessageKey];

export type Params = Record<string, string | number>;

export interface Translator {
  language: Language;
  locale: string;
  t(key: MessageKey, params?: Params): string;
  plural(key: PluralKey, count: number, params?: Params): string;
}

/** The first of the user's preferred languages that Tern speaks ("fr-CA" → fr), else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const hit = LANGUAGES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

const DEFAULT_REGION: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };

export function pickLocale(language: Language, preferred: readonly string[]): string {
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? DEFAULT_REGION[language];
}

function fill(text: string, params: Params | undefined, locale: string): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

/**
 * `locale` formats dates and numbers: the browser's own tag when it is a variant of `language`
 * (en-US keeps "Mar 12"), else a default region.
 */
export function createTranslator(language: Language, locale: string = language): Translator {
  const loaded = CATALOGUES[language];
  if (!loaded) throw new Error(`The ${language} messages are not loaded yet (loadLanguage).`);
  const messages = loaded;
  const rules = new Intl.PluralRules(locale);
  return {
    language,
    locale,
    // A key whose view's words are not loaded shows as itself: a bug to see, not an empty label.
    t: (key, params) => fill(messages[key] ?? key, params, locale),
    plural: (key, count, params) => {
      const form = rules.select(count) === 'one' ? 'one' : 'other';
      const full = `${key}_${form}` as MessageKey;
      return fill(messages[full] ?? full, { count, ...params }, locale);
    },
  };
}
