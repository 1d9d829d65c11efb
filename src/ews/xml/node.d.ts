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
export declare function child(el: XmlElement | undefined, uri: string, local: string): XmlElement | undefined;
export declare function childrenNamed(el: XmlElement | undefined, uri: string, local: string): XmlElement[];
/** Text of the named child, or undefined when the child is absent. */
export declare function childText(el: XmlElement | undefined, uri: string, local: string): string | undefined;
