import { SaxesParser, type SaxesTagNS } from 'saxes';
import { NS } from '../namespaces.js';

// What an Envelope may hold, as decodeRequest requires.
const SHAPES = [['Header', 'Body'], ['Body']];
// Thrown to stop the parser once the operation is known; never leaves this file.
const FOUND = Symbol('found');

/**
 * The EWS operation a SOAP request names, read from the request's first bytes alone: the local
 * name of the Body's first element, as `decodeRequest` reads it from the whole. Lets a server
 * choose how much of a body to accept before holding all of it (only operations that carry a
 * message or a file may be large). Undefined when those bytes do not reach the operation, or are
 * not the start of a SOAP envelope in the shape `decodeRequest` accepts: a DTD, another root, a
 * Body in another place, an operation outside the EWS messages namespace.
 */
export function peekOperation(head: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true, position: false, forceXMLVersion: true, defaultXMLVersion: '1.0' });
  // The Envelope's children so far, which must begin the one shape it may have.
  const children: string[] = [];
  let depth = 0;
  let name: string | undefined;
  parser.on('doctype', () => {
    throw FOUND;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const top = depth++;
    if (top === 0) {
      if (tag.uri !== NS.soap || tag.local !== 'Envelope') throw FOUND;
    } else if (top === 1) {
      children.push(tag.uri === NS.soap ? tag.local : '?');
      if (!SHAPES.some((shape) => children.every((c, i) => shape[i] === c))) throw FOUND;
    } else if (top === 2 && children.at(-1) === 'Body') {
      if (tag.uri === NS.m) name = tag.local;
      throw FOUND;
    }
  });
  parser.on('closetag', () => {
    depth--;
  });
  try {
    parser.write(head);
  } catch (e) {
    if (e !== FOUND) return undefined;
  }
  return name;
}
