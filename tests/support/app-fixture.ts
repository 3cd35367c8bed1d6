import { afterAll, beforeAll } from 'vitest';
import { startApp, type RunningApp, type StartOptions } from './test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface AppFixture {
  readonly app: RunningApp;
  readonly testDb: TestDatabase;
}

/**
 * One seeded database and the real app on a random port for a test file, started before
 * its tests and torn down after them. Read the fields inside tests, not at import time.
 */
export function useSeededApp(options: StartOptions = {}): AppFixture {
  let app: RunningApp | undefined;
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    app = await startApp(testDb.database, options);
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.dispose();
  });
  return {
    get app() {
      if (!app) throw new Error('the app starts in beforeAll');
      return app;
    },
    get testDb() {
      if (!testDb) throw new Error('the database is created in beforeAll');
      return testDb;
    },
  };
}

/**
 * A second instance of the app on the fixture's database, with its own connection pool, as a
 * second server process behind the load balancer would have. Call it inside tests.
 */
export function useSecondApp(fixture: AppFixture): () => RunningApp {
  let second: RunningApp | undefined;
  beforeAll(async () => {
    second = await startApp(await fixture.testDb.openAnother());
  });
  afterAll(async () => {
    await second?.stop();
  });
  return () => {
    if (!second) throw new Error('the second app starts in beforeAll');
    return second;
  };
}
