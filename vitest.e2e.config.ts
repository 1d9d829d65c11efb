import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium against the Tern server in process. One file at a time:
// each starts its own server and browser, and two Chromiums on 2 cores only slow each other down.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // What a test waits for happens in the worker and the browser, on 2 busy cores: give polls
    // (outbox drained, state changed) room, instead of vitest's 1 s default.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
