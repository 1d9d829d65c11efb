import type { XmlElement } from './node.js';
/** Bounds on what one document may cost to read; see SECURITY.md §5.4. */
export interface XmlLimits {
  /** Characters in the whole document. */
  maxLength: number;
  maxDepth: number;
  maxElements: number;
  maxAttributes: number;
}
export declare const DEFAULT_LIMITS: XmlLimits;
/**
 * Parses a whole document into elements, namespace-aware (prefixes differ between servers and
 * clients: `s:`, `soap:`, `soap11:`, `SOAP-ENV:`, default namespaces). Refuses DTDs outright
 * (no entity expansion, no external fetches) and anything beyond `limits`.
 */
export declare function parseXml(xml: string, limits?: XmlLimits): XmlElement;
