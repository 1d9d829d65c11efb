import { type XmlElement } from '../xml/node.js';
import { SoapFault } from '../errors.js';
/**
 * Reads `soap:Fault`. `faultcode`, `faultstring` and `detail` are unqualified (SOAP 1.1); in
 * `detail`, ResponseCode and Message are in the errors namespace and MessageXml in types.
 */
export declare function readFault(fault: XmlElement): SoapFault;
export interface FaultSpec {
  /** The EWS ResponseCode, e.g. ErrorServerBusy or ErrorSchemaValidation. */
  code: string;
  message: string;
  values?: Record<string, string>;
}
/**
 * A SOAP fault in Exchange's form (HTTP 500; no SOAP header).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 */
export declare function encodeFault({ code, message, values }: FaultSpec): string;
