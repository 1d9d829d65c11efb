import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; integration tests run the engine against the real mailbox in-process.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
