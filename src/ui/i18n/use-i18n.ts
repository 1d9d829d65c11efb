import { useEffect, useMemo, useState } from 'preact/hooks';
import { useStore } from '../hooks/store.js';
import { settings } from '../settings.js';
import {
  createTranslator,
  isLoaded,
  loadLanguage,
  pickLanguage,
  pickLocale,
  type Language,
  type Translator,
} from './translate.js';

export function currentLanguage(): Language {
  const chosen = settings.get().language;
  return chosen === 'auto' ? pickLanguage(navigator.languages ?? [navigator.language]) : chosen;
}

function translatorFor(language: Language): Translator {
  // Until a newly chosen catalogue arrives, keep speaking English rather than showing keys.
  const usable = isLoaded(language) ? language : 'en';
  return createTranslator(usable, pickLocale(usable, navigator.languages ?? []));
}

export function currentTranslator(): Translator {
  return translatorFor(currentLanguage());
}

/** The translator for the chosen language; views re-render when the user switches. */
export function useI18n(): Translator {
  useStore(settings);
  const language = currentLanguage();
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (!isLoaded(language)) void loadLanguage(language).then(() => setLoaded((n) => n + 1));
  }, [language]);
  const ready = isLoaded(language);
  return useMemo(() => translatorFor(language), [language, ready]);
}
