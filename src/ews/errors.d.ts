/** Why a string could not be read as EWS. Every failure of the codec is one of these. */
export type CodecErrorKind =
  | 'malformed-xml'
  | 'forbidden-dtd'
  | 'too-large'
  | 'too-deep'
  | 'too-many-elements'
  | 'too-many-attributes'
  | 'not-soap'
  | 'unexpected';
/** Input that the codec refuses. The message names what was wrong; no partial value is returned. */
export declare class CodecError extends Error {
  readonly kind: CodecErrorKind;
  name: string;
  constructor(kind: CodecErrorKind, message: string);
}
/**
 * A SOAP fault. EWS sends these with HTTP 500 for whole-request failures (schema validation,
 * throttling, bad server version); `code` is the EWS ResponseCode from `detail` when present,
 * otherwise the local part of `faultcode`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 */
export declare class SoapFault extends Error {
  readonly code: string;
  /** `detail/MessageXml/Value[@Name]`: BackOffMilliseconds, InnerErrorResponseCode… */
  readonly values: Readonly<Record<string, string>>;
  name: string;
  constructor(
    code: string,
    message: string,
    /** `detail/MessageXml/Value[@Name]`: BackOffMilliseconds, InnerErrorResponseCode… */
    values?: Readonly<Record<string, string>>,
  );
  /** The server's back-off hint for ErrorServerBusy, in milliseconds. */
  get backOffMs(): number | undefined;
}
export declare function parseBackOff(values: Readonly<Record<string, string>> | undefined): number | undefined;
