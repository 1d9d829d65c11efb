import { Hono } from 'hono';
import { isLoopback, type Env } from './connection.js';
import { FaultSpecError, parseFaults, type FaultQueue } from './faults.js';
import type { Mailbox } from './mailbox/mailbox.js';
import { mediaType } from './media-type.js';
import { BodyNotText, BodyTooLarge } from './read-body.js';
import { readRequestBody } from './request-body.js';

const MAX_ADMIN_BYTES = 1024 * 1024;

/**
 * The test harness's controls, in mailbox mode and from loopback only (in-process `app.request()`
 * counts as loopback): the captured outgoing mail (like Mailpit's API), and the fault queue when
 * the server was started with fault injection (`faults` given).
 *
 * - `GET /admin/faults` → `{ faults }` still waiting (count = requests left)
 * - `POST /admin/faults` with `{ faults: Fault[] }` → appends; answers the whole queue
 * - `DELETE /admin/faults` → empties the queue
 * - `GET /admin/outgoing` → `{ messages }` sent to addresses outside the mailbox
 */
export function adminRoutes(mailbox: Mailbox, faults?: FaultQueue): Hono<Env> {
  const app = new Hono<Env>();

  app.use('/admin/*', async (c, next) => {
    if (!isLoopback(c))
      return c.json({ error: 'forbidden', message: 'The admin endpoint answers on loopback only.' }, 403);
    // A page on another site must not drive the harness through the user's browser.
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return c.json({ error: 'cross-site', message: `Refused: Sec-Fetch-Site is "${site}".` }, 403);
    return next();
  });

  app.get('/admin/outgoing', (c) => c.json({ messages: mailbox.outgoing() }));

  if (!faults) {
    app.all('/admin/faults', (c) =>
      c.json(
        {
          error: 'faults-off',
          message: 'Fault injection is off. Start the server with TERN_FAULTS=1 to use it (from this machine only).',
        },
        404,
      ),
    );
    return app;
  }

  app.get('/admin/faults', (c) => c.json({ faults: faults.list() }));

  app.post('/admin/faults', async (c) => {
    // application/json is not a CORS-simple type, so a cross-site form cannot send it.
    if (mediaType(c.req.header('content-type')) !== 'application/json')
      return c.json({ error: 'unsupported-type', message: 'Send the faults as application/json.' }, 415);
    let body: unknown;
    try {
      body = JSON.parse(await readRequestBody(c, MAX_ADMIN_BYTES));
    } catch (e) {
      if (e instanceof BodyTooLarge) return c.json({ error: 'too-large', message: e.message }, 413);
      if (e instanceof SyntaxError || e instanceof BodyNotText)
        return c.json({ error: 'bad-json', message: `The body is not JSON: ${e.message}` }, 400);
      throw e;
    }
    try {
      faults.add(parseFaults(body));
    } catch (e) {
      if (e instanceof FaultSpecError) return c.json({ error: 'bad-fault', message: e.message }, 400);
      throw e;
    }
    return c.json({ faults: faults.list() });
  });

  app.delete('/admin/faults', (c) => {
    faults.clear();
    return c.json({ faults: [] });
  });

  return app;
}
