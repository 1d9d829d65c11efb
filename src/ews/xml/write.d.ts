export type Attrs = Record<string, string | number | boolean | undefined>;
/** Replaces what XML 1.0 cannot represent; everything else survives a round trip unchanged. */
export declare function xmlSafe(s: string): string;
export declare function escapeText(s: string): string;
export declare function escapeAttr(s: string): string;
/**
 * A small, append-only XML writer. Names carry their prefix (`m:`, `t:`); declare namespaces
 * with ordinary `xmlns:*` attributes. Callers emit elements in schema order.
 */
export declare class XmlWriter {
  private readonly out;
  open(name: string, attrs?: Attrs): this;
  close(name: string): this;
  empty(name: string, attrs?: Attrs): this;
  /** `<name>text</name>`; nothing at all when `value` is undefined. */
  leaf(name: string, value: string | number | boolean | undefined, attrs?: Attrs): this;
  /** Runs `body` between an open and a close tag. */
  el(name: string, attrs: Attrs | undefined, body: (w: this) => void): this;
  /** Appends markup that is already well-formed XML (from another writer). */
  raw(xml: string): this;
  toString(): string;
}
