/** One parsed XML element: namespace URI, local name, unprefixed attributes, children and text. */
export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
}

/** The first child with this namespace and local name. Prefixes never matter. */
export function child(el: XmlElement | undefined, uri: string, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.local === local && c.uri === uri) return c;
  return undefined;
}

export function childrenNamed(el: XmlElement | undefined, uri: string, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local && c.uri === uri) : [];
}

/** Text of the named child, or undefined when the child is absent. */
export function childText(el: XmlElement | undefined, uri: string, local: string): string | undefined {
  return child(el, uri, local)?.text;
}
