import { enViews } from './en-views.js';
import { addEnglish } from './translate.js';

// Imported for its effect by every module that uses a key of en-views.ts: the English catalogue
// holds those words from the moment such a module has loaded.
addEnglish(enViews);
