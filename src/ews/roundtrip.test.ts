import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from './operations/registry.js';
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse, TERN_SERVER_VERSION } from './soap/envelope.js';
import { anyText, clean, hostile, normalise, UNREPRESENTABLE } from '../../test/support/ews-arbitraries.js';

// Every operation, both directions: what one side encodes, the other side decodes to the same value.
// With text XML can carry the values must come back exactly; with any string they come back as
// the writer's xmlSafe made them (U+FFFD for what XML 1.0 cannot hold), and nothing else changes.
const RUNS = 150;

describe.each(Object.keys(OPERATIONS))('%s round trip', (name) => {
  const op = OPERATIONS[name]!;
  const requestBack = (req: unknown) => {
    const decoded = decodeRequest(encodeRequest(op, req));
    expect(decoded.name).toBe(name);
    return op.readRequest(decoded.element);
  };
  const messageBack = (msg: never) => {
    const { messages, server } = decodeResponse(op, encodeResponse(op, [msg, msg]));
    expect(server).toEqual(TERN_SERVER_VERSION);
    // An answer of the flat form holds one message.
    expect(messages).toHaveLength(op.flatResponse ? 1 : 2);
    return messages.at(-1);
  };

  it('decodes the request it encodes, exactly', () => {
    fc.assert(
      fc.property(clean.requests[name]!, (req) => {
        expect(requestBack(req)).toEqual(req);
      }),
      { numRuns: RUNS },
    );
  });
  it('decodes the request it encodes, with unrepresentable characters made U+FFFD', () => {
    fc.assert(
      fc.property(hostile.requests[name]!, (req) => {
        expect(requestBack(req)).toEqual(normalise(req));
      }),
      { numRuns: RUNS },
    );
  });
  it('decodes the response message it encodes, exactly', () => {
    fc.assert(
      fc.property(clean.messages[name]!, (msg) => {
        expect(messageBack(msg as never)).toEqual(msg);
      }),
      { numRuns: RUNS },
    );
  });
  it('decodes the response message it encodes, with unrepresentable characters made U+FFFD', () => {
    fc.assert(
      fc.property(hostile.messages[name]!, (msg) => {
        expect(messageBack(msg as never)).toEqual(normalise(msg));
      }),
      { numRuns: RUNS },
    );
  });
});

// Servers differ in prefixes (`s:`, `soap:`, `soap11:`) and some put the messages namespace in a
// default declaration (sample 22): the reader must go by namespace, never by prefix.
function reprefix(xml: string, renames: Record<string, string>): string {
  const rename = (p: string) => (p in renames ? renames[p] : p);
  return xml.replace(/<[^>]*>/g, (tag) =>
    tag
      .replace(/^<(\/?)([\w-]+):/, (_, slash: string, p: string) => `<${slash}${rename(p) ? `${rename(p)}:` : ''}`)
      .replace(/ xmlns:([\w-]+)=/g, (_, p: string) => ` xmlns${rename(p) ? `:${rename(p)}` : ''}=`)
      .replace(/ xsi:type="(\w+):/, (_, p: string) => ` xsi:type="${rename(p) ? `${rename(p)}:` : ''}`),
  );
}

describe.each(['GetItem', 'SyncFolderItems', 'FindItem', 'UpdateItem', 'ConvertId'])(
  '%s with other prefixes',
  (name) => {
    const op = OPERATIONS[name]!;
    it('decodes a request whatever its prefixes', () => {
      fc.assert(
        fc.property(clean.requests[name]!, (req) => {
          const xml = reprefix(encodeRequest(op, req), { soap: 'SOAP-ENV', m: '', t: 'types' });
          expect(xml).toContain('<SOAP-ENV:Body>');
          expect(op.readRequest(decodeRequest(xml).element)).toEqual(req);
        }),
        { numRuns: 50 },
      );
    });
    it('decodes a response whatever its prefixes', () => {
      fc.assert(
        fc.property(clean.messages[name]!, (msg) => {
          const xml = reprefix(encodeResponse(op, [msg as never]), { s: 'soap11', m: '', t: 'ns2', h: 'x' });
          expect(xml).toContain(`<${name}Response `);
          expect(decodeResponse(op, xml).messages).toEqual([msg]);
        }),
        { numRuns: 50 },
      );
    });
  },
);

describe('the hostile text', () => {
  // Guards the properties above: they are only as strong as the strings they are fed.
  it('reaches every character XML 1.0 cannot carry', () => {
    const seen = new Set(fc.sample(anyText, 3000).flatMap((s) => [...s]));
    for (const c of UNREPRESENTABLE) expect(seen.has(c), `U+${c.charCodeAt(0).toString(16)}`).toBe(true);
  });
  it('makes the unrepresentable properties above say something', () => {
    const changed = fc
      .sample(hostile.requests['GetItem']!, 200)
      .filter((r) => JSON.stringify(normalise(r)) !== JSON.stringify(r));
    expect(changed.length).toBeGreaterThan(20);
  });
});
