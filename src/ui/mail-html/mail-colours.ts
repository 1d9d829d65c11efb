// A colour the sender chose, in a style attribute or a style sheet.
const COLOUR_PROPERTY = /(?:^|[\s;{])(?:color|background(?:-color|-image)?|fill|stroke)\s*:/i;
// …or in the old attributes that still colour most newsletters.
const COLOUR_ATTRIBUTES = ['bgcolor', 'color', 'text', 'fill', 'stroke'];

/**
 * Whether the sender chose colours (of text, backgrounds or drawings) anywhere in the mail. One that
 * chose none is words on the default page, which can take the reader's dark theme; one that chose
 * any keeps the light page it was designed on, since dark text on a darkened background, or a white
 * box in a dark page, would be what the reader sees.
 */
export function choosesColours(body: DocumentFragment): boolean {
  for (const el of body.querySelectorAll('*')) {
    if (el.localName === 'style' && COLOUR_PROPERTY.test(el.textContent ?? '')) return true;
    const style = el.getAttribute('style');
    if (style && COLOUR_PROPERTY.test(style)) return true;
    if (COLOUR_ATTRIBUTES.some((name) => el.hasAttribute(name))) return true;
  }
  return false;
}
