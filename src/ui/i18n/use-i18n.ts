import { useMemo } from 'preact/hooks';
import { useStore } from '../hooks/store.js';
import { settings } from '../settings.js';
import { createTranslator, pickLanguage, pickLocale, type Language, type Translator } from './translate.js';

export function currentLanguage(): Language {
  const chosen = settings.get().language;
  return chosen === 'auto' ? pickLanguage(navigator.languages ?? [navigator.language]) : chosen;
}

export function currentTranslator(): Translator {
  const language = currentLanguage();
  return createTranslator(language, pickLocale(language, navigator.languages ?? []));
}

/** The translator for the chosen language; views re-render when the user switches. */
export function useI18n(): Translator {
  const { language } = useStore(settings);
  return useMemo(currentTranslator, [language]);
}
