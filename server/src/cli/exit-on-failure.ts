import pino from 'pino';

/**
 * Runs a command's top-level task; if it fails before the server's own logger exists (bad
 * configuration, a locked data directory, a failed build), the reason goes out as one fatal
 * log line on stderr and the process exits 1.
 */
export function exitOnFailure(task: Promise<void>): void {
  task.catch((error: unknown) => {
    pino({ base: { service: 'qiaodu-mall' } }, pino.destination(2)).fatal(
      { err: error },
      error instanceof Error ? error.message : String(error),
    );
    process.exit(1);
  });
}
