import { categoryHue } from '../format/category-hue.js';

/** A message's Outlook categories as coloured labels; nothing when it has none. */
export function Categories({ names, label }: { names: readonly string[] | undefined; label: string }) {
  if (!names?.length) return null;
  return (
    <span class="categories" role="list" aria-label={label}>
      {names.map((name) => (
        <span key={name} class="category" role="listitem" style={{ '--cat-hue': String(categoryHue(name)) }}>
          {name}
        </span>
      ))}
    </span>
  );
}
