import { connect, type Socket } from 'node:net';

/**
 * A small Marionette client: the remote protocol Firefox and Thunderbird speak on
 * `marionette.port` when started with `--marionette`. Every packet is `<byte length>:<JSON>`; a
 * command is `[0, id, name, params]` and its answer `[1, id, error, result]`. The first packet is
 * the server's greeting (`{"applicationType":"gecko","marionetteProtocol":3}`).
 * https://firefox-source-docs.mozilla.org/testing/marionette/Protocol.html
 */
export class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private greeting?: (packet: unknown) => void;
  private closed?: Error;
  /** What the session was opened with (browserName, browserVersion…). */
  capabilities: Record<string, unknown> = {};

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('Marionette closed the connection')));
  }

  /** Connects to `port`, retrying until `timeoutMs` while the application starts, and opens a session. */
  static async open(port: number, timeoutMs: number): Promise<Marionette> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let m: Marionette | undefined;
      try {
        m = await Marionette.attempt(port, Math.max(1000, deadline - Date.now()));
        const session = (await m.command('WebDriver:NewSession', { capabilities: { alwaysMatch: {} } })) as {
          capabilities?: Record<string, unknown>;
        };
        m.capabilities = session.capabilities ?? {};
        return m;
      } catch (e) {
        m?.close();
        if (Date.now() > deadline) throw new Error(`No Marionette session on port ${port}: ${String(e)}`, { cause: e });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private static attempt(port: number, timeoutMs: number): Promise<Marionette> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' });
      const m = new Marionette(socket);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no greeting'));
      }, timeoutMs);
      m.greeting = () => {
        clearTimeout(timer);
        resolve(m);
      };
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  /** Sends one command; resolves with its result, rejects with Marionette's error and message. */
  command(name: string, params: object = {}, timeoutMs = 120_000): Promise<unknown> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    const json = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${name}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.write(Buffer.concat([Buffer.from(`${json.length}:`), json]));
    });
  }

  /**
   * Runs `script` as the body of a function in the chrome (privileged) context and awaits the
   * promise it returns: `arguments[0]`… are `args`.
   */
  async chrome<T>(script: string, args: unknown[] = [], timeoutMs = 60_000): Promise<T> {
    await this.command('Marionette:SetContext', { value: 'chrome' });
    const answer = (await this.command(
      'WebDriver:ExecuteScript',
      { script, args, scriptTimeout: timeoutMs, newSandbox: false },
      timeoutMs + 10_000,
    )) as { value: T };
    return answer.value;
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as unknown;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: unknown): void {
    if (!Array.isArray(packet)) {
      this.greeting?.(packet);
      this.greeting = undefined;
      return;
    }
    const [, id, error, result] = packet as [number, number, { error: string; message: string } | null, unknown];
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    if (error) waiter.reject(new Error(`${error.error}: ${error.message}`));
    else waiter.resolve(result);
  }

  private fail(e: Error): void {
    this.closed ??= e;
    for (const w of this.pending.values()) w.reject(e);
    this.pending.clear();
  }
}
