import { afterAll, vi } from 'vitest';

// Handlers read their settings once, at import, so a file stubs them before importing its
// handler and keeps them for all its tests; they go back to what they were after the file.
afterAll(() => {
  vi.unstubAllEnvs();
});
