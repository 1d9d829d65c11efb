/** Why a string could not be read as EWS. Every failure of the codec is one of these. */
export type CodecErrorKind =
  | 'malformed-xml' // not well-formed XML
  | 'forbidden-dtd' // a DOCTYPE or entity declaration: EWS never needs one
  | 'too-large' // more characters than the limit
  | 'too-deep' // element nesting beyond the limit
  | 'too-many-elements'
  | 'too-many-attributes'
  | 'too-many-references' // numeric character references beyond the limit
  | 'not-soap' // well-formed, but not a SOAP envelope with something in its Body (an HTML page, say)
  | 'unexpected'; // a SOAP envelope that does not hold what the operation must hold

/** Input that the codec refuses. The message names what was wrong; no partial value is returned. */
export class CodecError extends Error {
  override name = 'CodecError';
  constructor(
    readonly kind: CodecErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A SOAP fault. EWS sends these with HTTP 500 for whole-request failures (schema validation,
 * throttling, bad server version); `code` is the EWS ResponseCode from `detail` when present,
 * otherwise the local part of `faultcode`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 */
export class SoapFault extends Error {
  override name = 'SoapFault';
  constructor(
    readonly code: string,
    message: string,
    /** `detail/MessageXml/Value[@Name]`: BackOffMilliseconds, InnerErrorResponseCode… */
    readonly values: Readonly<Record<string, string>> = {},
  ) {
    super(`${code}: ${message}`);
  }

  /** The server's back-off hint for ErrorServerBusy, in milliseconds. */
  get backOffMs(): number | undefined {
    return parseBackOff(this.values);
  }
}

export function parseBackOff(values: Readonly<Record<string, string>> | undefined): number | undefined {
  const raw = values?.['BackOffMilliseconds'];
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
