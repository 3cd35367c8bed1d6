import type { Db } from '@qiaodu/db';
import type { Logger } from 'pino';

/** What the shift, grading and report modules are built from (app.ts). */
export interface ShiftDeps {
  db: Db;
  /** The server clock every clock-in, deadline and job reads; tests move it instead of sleeping. */
  clock: () => Date;
  logger: Logger;
}
