/**
 * An emulator process ended while the pipeline ran (killed, crashed, out of memory). Calls to it
 * would fail with ECONNREFUSED in every function log and drive messages towards their
 * dead-letter queues, so the pipeline says so in one line instead and stops.
 */
export class EmulatorExitedError extends Error {
  readonly code = 'EMULATOR_EXITED';

  constructor(emulator: string, pid: number, how: { readonly code: number | null; readonly signal: string | null }) {
    super(`${emulator} (pid ${pid}) exited unexpectedly (${how.signal ?? `exit code ${how.code}`}); stopping the pipeline, start it again with npm start.`);
    this.name = 'EmulatorExitedError';
  }
}
