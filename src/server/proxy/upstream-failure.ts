/** The upstream gave no usable answer. `kind` picks the status the client sees (504 for timeouts, 502 otherwise). */
export class UpstreamFailure extends Error {
  override name = 'UpstreamFailure';
  constructor(
    readonly kind: 'unreachable' | 'timeout' | 'too-large' | 'not-text',
    message: string,
  ) {
    super(message);
  }
}
