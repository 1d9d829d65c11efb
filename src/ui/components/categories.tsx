import { categoryHue } from '../format/category-hue.js';

/**
 * A message's Outlook categories as coloured labels; nothing when it has none. With `onPick`, each
 * is a button (the reader's: it searches for the mail in that category).
 */
export function Categories({
  names,
  label,
  onPick,
  pickTitle,
}: {
  names: readonly string[] | undefined;
  label: string;
  onPick?: (name: string) => void;
  pickTitle?: string;
}) {
  if (!names?.length) return null;
  return (
    <span class="categories" role="list" aria-label={label}>
      {names.map((name) => {
        const style = { '--cat-hue': String(categoryHue(name)) };
        return onPick ? (
          <span key={name} role="listitem">
            <button type="button" class="category" style={style} title={pickTitle} onClick={() => onPick(name)}>
              {name}
            </button>
          </span>
        ) : (
          <span key={name} class="category" role="listitem" style={style}>
            {name}
          </span>
        );
      })}
    </span>
  );
}
