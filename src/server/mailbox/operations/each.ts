import type { Response, ResponseStatus } from '../../../ews/index.js';
import { EwsFail, statusOfFail } from '../errors.js';

export const ok = <T>(payload: T): Response<T> => ({ responseClass: 'Success', responseCode: 'NoError', ...payload });

/** The error answer for one id of a batch; anything else is a bug and propagates. */
export function failed(e: unknown): ResponseStatus {
  if (e instanceof EwsFail) return statusOfFail(e);
  throw e;
}

/** One response message per entry, in request order; an EwsFail answers for its entry only. */
export function each<T, M>(list: readonly T[], fn: (x: T) => Response<M>): Response<M>[] {
  return list.map((x) => {
    try {
      return fn(x);
    } catch (e) {
      return failed(e) as Response<M>;
    }
  });
}

/** `each` for handlers that await (MIME composition), still strictly in request order. */
export async function eachAsync<T, M>(list: readonly T[], fn: (x: T) => Promise<Response<M>>): Promise<Response<M>[]> {
  const out: Response<M>[] = [];
  for (const x of list) {
    try {
      out.push(await fn(x));
    } catch (e) {
      out.push(failed(e) as Response<M>);
    }
  }
  return out;
}
