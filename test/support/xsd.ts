import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { validateXML, memoryPages } from 'xmllint-wasm';

/**
 * Validates EWS against the Exchange2013_SP1 schema in `test/fixtures/ews-schema/` with libxml2
 * compiled to WebAssembly (xmllint-wasm), so no system package is needed.
 *
 * Give it a whole SOAP envelope (what the codec or the mailbox emits) or a bare operation element.
 * The schema has no SOAP envelope, so the operation element — the child of the Body — is cut out and
 * validated on its own, with the namespace declarations of the Envelope and Body copied onto it.
 * Calls made in the same turn of the event loop share one xmllint run (compiling the schema costs
 * about 0.3 s; validating a document costs microseconds), so `Promise.all(docs.map(validateEws))`
 * is as fast as one call.
 */
export async function validateEws(xml: string): Promise<XsdResult> {
  return new Promise((resolve, reject) => {
    queue.push({ xml, resolve, reject });
    if (queue.length === 1) setImmediate(flush);
  });
}

export interface XsdResult {
  valid: boolean;
  /** xmllint's messages for this document, without the file name and line prefix. */
  errors: string[];
}

/** The operation element of a SOAP envelope, carrying the namespace declarations in scope. */
export function operationElement(xml: string): string {
  const envelope = ENVELOPE_OPEN.exec(xml);
  if (!envelope) return xml.replace(XML_DECL, '').trim();
  const body = BODY_OPEN.exec(xml);
  if (!body) throw new Error('the SOAP envelope has no Body');
  const close = xml.lastIndexOf(`</${body[1] ?? ''}Body>`);
  if (close < 0) throw new Error('the SOAP Body is not closed');
  const inner = xml.slice(body.index + body[0].length, close).trim();
  const head = START_TAG.exec(inner);
  if (!head) throw new Error('the SOAP Body holds no element');
  const declared = new Set(namespaceDecls(head[2]!).map(([name]) => name));
  const inherited = [...namespaceDecls(body[2]!), ...namespaceDecls(envelope[2]!)]
    .filter(([name]) => !declared.has(name) && (declared.add(name), true))
    .map(([name, value]) => ` ${name}=${value}`)
    .join('');
  return `<${head[1]}${inherited}${inner.slice(head[1]!.length + 1)}`;
}

const SCHEMA_DIR = new URL('../fixtures/ews-schema/', import.meta.url);
const schemaFile = (name: string) => ({ fileName: name, contents: readFileSync(new URL(name, SCHEMA_DIR), 'utf8') });
let schema: ReturnType<typeof schemaFile>[] | undefined;

const XML_DECL = /^\s*<\?xml[^?]*\?>/;
// A start tag with its attributes; values are quoted, so a `>` inside one does not end the tag.
const ATTRS = String.raw`((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*`;
const START_TAG = new RegExp(String.raw`^<([\w.:-]+)${ATTRS}/?>`);
const ENVELOPE_OPEN = new RegExp(String.raw`<([\w.-]+:)?Envelope${ATTRS}>`);
const BODY_OPEN = new RegExp(String.raw`<([\w.-]+:)?Body${ATTRS}>`);

function namespaceDecls(attrs: string): [string, string][] {
  return [...attrs.matchAll(/\s(xmlns(?::[\w.-]+)?)\s*=\s*("[^"]*"|'[^']*')/g)].map((m) => [m[1]!, m[2]!]);
}

interface Pending {
  xml: string;
  resolve(r: XsdResult): void;
  reject(e: unknown): void;
}
let queue: Pending[] = [];

// One xmllint run per batch; a document that is not even well-formed is answered without it,
// because xmllint gives up on the whole run for a parse error.
async function flush(): Promise<void> {
  const batch = queue;
  queue = [];
  const files: { fileName: string; contents: string; job: Pending }[] = [];
  for (const job of batch) {
    try {
      const contents = operationElement(job.xml);
      new SaxesParser({ xmlns: true }).write(contents).close();
      files.push({ fileName: `doc-${files.length}.xml`, contents, job });
    } catch (e) {
      job.resolve({ valid: false, errors: [`not well-formed: ${e instanceof Error ? e.message : String(e)}`] });
    }
  }
  if (!files.length) return;
  try {
    schema ??= ['messages.xsd', 'types.xsd', 'xml.xsd'].map(schemaFile);
    const [messages, ...imports] = schema;
    const result = await validateXML({
      xml: files.map(({ fileName, contents }) => ({ fileName, contents })),
      schema: [messages!],
      preload: imports,
      maxMemoryPages: memoryPages.GiB,
    });
    const verdicts = readVerdicts(result.rawOutput);
    for (const f of files) {
      const v = verdicts.get(f.fileName);
      f.job.resolve(v ?? { valid: false, errors: ['xmllint gave no verdict'] });
    }
  } catch (e) {
    for (const f of files) f.job.reject(e);
  }
}

// xmllint prints `name:line: message` for each problem, then `name validates` or `name fails to validate`.
function readVerdicts(output: string): Map<string, XsdResult> {
  const out = new Map<string, XsdResult>();
  const entry = (name: string) => out.get(name) ?? out.set(name, { valid: false, errors: [] }).get(name)!;
  for (const line of output.split('\n')) {
    const problem = /^(doc-\d+\.xml):\d+: (.*)$/.exec(line);
    const verdict = /^(doc-\d+\.xml) (validates|fails to validate)$/.exec(line);
    if (problem) entry(problem[1]!).errors.push(problem[2]!);
    else if (verdict) entry(verdict[1]!).valid = verdict[2] === 'validates';
  }
  return out;
}
