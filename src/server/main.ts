/**
 * The Tern server's shell (`npm start` runs it through scripts/start.ts): settings from flags and
 * the environment, the embedded mailbox, HTTP and SMTP. It never waits for input.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig } from './config.js';
import { openMailbox } from './mailbox/index.js';
import { startSmtp } from './smtp.js';
import { StartError, startServer } from './start-server.js';

try {
  const config = parseConfig(process.argv.slice(2), process.env);
  const server = await startServer(config, {
    openMailbox,
    startSmtp,
    distDir: fileURLToPath(new URL('../../dist/', import.meta.url)),
    print: (line) => console.log(line),
  });
  const stop = (signal: string) => {
    console.log(`${signal}: stopping Tern…`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('Tern did not stop cleanly:', e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (e) {
  if (e instanceof ConfigError || e instanceof StartError) {
    console.error(`Tern cannot start: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
