import { NS } from '../namespaces.js';
import type { XmlElement } from '../xml/node.js';

/**
 * A request as the client meant it. Thunderbird 153 (ews-rs) declares the messages namespace as
 * the default one (`<UpdateItem xmlns=".../messages">`) and writes some types-namespace children
 * without their `t:` prefix: its star is `<t:Flag><FlagStatus>Flagged</FlagStatus></t:Flag>`, which
 * puts FlagStatus in the messages namespace. No element of the types namespace has children in the
 * messages namespace in any EWS request (messages.xsd, types.xsd), so such a child can only be this
 * slip: it is read in the types namespace. Everything else is left exactly as sent.
 */
export function asMeant(el: XmlElement): XmlElement {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    let c = children[i]!;
    if (el.uri === NS.t && c.uri === NS.m) children[i] = c = { ...c, uri: NS.t };
    asMeant(c);
  }
  return el;
}
