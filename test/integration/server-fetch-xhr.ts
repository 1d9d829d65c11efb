import type { IXHRApi, IXHROptions } from 'ews-javascript-api';

/** The part of XMLHttpRequest that ews-javascript-api reads from an answer. */
interface XhrLike {
  status: number;
  statusText: string;
  responseText: string;
  response: string;
  getResponseHeader(name: string): string | null;
  getAllResponseHeaders(): string;
}

/**
 * ews-javascript-api's transport over Node's fetch. The library hands every request to an
 * `IXHRApi` and expects an XMLHttpRequest-like object back: resolved for 200, rejected otherwise
 * (the shape @ewsjs/xhr gives, which is not a dependency of Tern). No redirects are followed.
 * @see https://github.com/gautamsi/ews-javascript-api#use-custom-xhr-api
 */
export class FetchXhrApi implements IXHRApi {
  apiName = 'tern-fetch';
  /** Every request's operation and the HTTP status it got, for tests that look at the exchange. */
  readonly sent: { op: string; status?: number }[] = [];

  async xhr(options: IXHROptions): Promise<XMLHttpRequest> {
    const body = typeof options.data === 'string' ? options.data : undefined;
    const record: { op: string; status?: number } = { op: body?.match(/<m:(\w+)[\s>]/)?.[1] ?? '?' };
    this.sent.push(record);
    const res = await fetch(options.url, {
      method: options.type ?? 'POST',
      headers: options.headers as Record<string, string>,
      ...(body === undefined ? {} : { body }),
      redirect: options.allowRedirect ? 'follow' : 'manual',
    });
    record.status = res.status;
    const text = await res.text();
    const xhr: XhrLike = {
      status: res.status,
      statusText: res.statusText,
      responseText: text,
      response: text,
      getResponseHeader: (name) => res.headers.get(name),
      getAllResponseHeaders: () => [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\r\n'),
    };
    if (res.status !== 200) throw xhr;
    return xhr as unknown as XMLHttpRequest;
  }

  xhrStream(): Promise<XMLHttpRequest> {
    return Promise.reject(new Error('streaming notifications are not used'));
  }

  disconnect(): void {}
}
