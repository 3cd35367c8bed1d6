/**
 * `pnpm test`: everything CI runs except installing. Each step runs in order and the run
 * stops at the first failure. The API tier runs on PGlite, then again on PostgreSQL when
 * TEST_DATABASE_URL is set (.ci/run sets it to this machine's server).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'qiaodu-test-reports-'));

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** vitest JSON report, to total the tests at the end. */
  report?: string;
}

const vitest = (name: string, projects: string[], env?: NodeJS.ProcessEnv): Step => {
  const report = join(reports, `${name.replace(/\W+/g, '-')}.json`);
  return {
    name,
    command: bin('vitest'),
    args: ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
    report,
  };
};

const postgresUrl = process.env.TEST_DATABASE_URL?.trim();
const steps: Step[] = [
  { name: 'typecheck', command: bin('tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'typecheck storefront build config', command: bin('tsc'), args: ['-p', 'storefront/tsconfig.node.json'] },
  { name: 'typecheck storefront', command: bin('vue-tsc'), args: ['-p', 'storefront/tsconfig.json'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings=0', '.'] },
  vitest('unit + API on PGlite', ['unit', 'api'], { TEST_DATABASE_URL: '' }),
  ...(postgresUrl ? [vitest('API on PostgreSQL', ['api', 'api-pg'], { TEST_DATABASE_URL: postgresUrl })] : []),
  { name: 'storefront build', command: bin('vite'), args: ['build', 'storefront'] },
  vitest('browser (Chromium)', ['e2e']),
];

if (!postgresUrl) {
  console.log('注意: 未设置 TEST_DATABASE_URL，跳过 PostgreSQL 上的 API 测试（.ci/run 会设置它）。');
}

let passed = 0;
let failed = 0;
const started = Date.now();
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const result = spawnSync(step.command, step.args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  if (step.report && existsSync(step.report)) {
    const summary = JSON.parse(readFileSync(step.report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
  }
  if (result.status !== 0) {
    console.error(`\n✗ ${step.name} failed (exit ${result.status ?? result.signal})`);
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
}
console.log(`\n✓ all steps passed in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
