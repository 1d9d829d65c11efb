// Outlook's preset categories are named after their colour ("Red category"); others get one of
// these hues by their name, the same on every device.
const NAMED: readonly [RegExp, number][] = [
  [/\b(red|rouge)\b/i, 0],
  [/\b(orange)\b/i, 28],
  [/\b(yellow|jaune)\b/i, 48],
  [/\b(green|vert|verte)\b/i, 130],
  [/\b(blue|bleu|bleue)\b/i, 215],
  [/\b(purple|violet|violette)\b/i, 275],
];
const HUES = [0, 28, 48, 130, 175, 215, 250, 300, 335];

/** The hue (degrees) a category is shown in. */
export function categoryHue(name: string): number {
  for (const [word, hue] of NAMED) if (word.test(name)) return hue;
  let h = 0;
  for (const c of name.toLowerCase()) h = (h * 31 + c.codePointAt(0)!) >>> 0;
  return HUES[h % HUES.length]!;
}
