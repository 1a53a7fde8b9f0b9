/**
 * `npm run demo:verify`: `contractguard verify` against real HTTP servers on loopback — the example provider
 * (examples/provider/, a small implementation of contracts-example's endpoints with in-memory data):
 *   (a) the correct build                                          → pass
 *   (b) a drifted build: undeclared error codes, a non-idempotent
 *       sync, pages that repeat items                               → fail
 *   (c) a build that dropped a field a consumer reads, replaying
 *       recorded traffic only (--only fixtures)                     → fail, naming the consumer and field
 * Each run prints what a reader sees; the demo exits non-zero unless the outcomes are pass, fail, fail.
 */
import { FAULTS, type Fault } from '../examples/provider/faults.js';
import { DEMO_TOKEN, startProvider } from '../examples/provider/server.js';
import { run } from '../src/cli.js';

const ROOT = 'contracts-example';
const repo = new URL('../../', import.meta.url).pathname;

async function verify(title: string, faults: readonly Fault[], extra: string[]): Promise<number> {
  const provider = await startProvider({ faults });
  try {
    const argv = [
      'verify',
      '--root',
      ROOT,
      '--endpoint',
      'sync-customers',
      '--major',
      '3',
      '--base-url',
      provider.url,
      '--header',
      `Authorization: Bearer ${DEMO_TOKEN}`,
      ...extra,
    ];
    console.log(`\n${'='.repeat(100)}\n${title}`);
    for (const fault of faults) console.log(`  drift: ${FAULTS[fault]}`);
    console.log(`\n$ contractguard ${argv.map((a) => (/[\s:]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
    const code = await run(argv, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      cwd: repo,
      color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    });
    console.log(
      `\n(exit code ${code}: ${code === 0 ? 'safe to promote' : code === 1 ? 'do not promote' : 'bad input'})`,
    );
    return code;
  } finally {
    await provider.close();
  }
}

async function main(): Promise<void> {
  const codes = [
    await verify('(a) the example provider, as its contracts say', [], []),
    await verify(
      '(b) a drifted build of it',
      ['undeclared-error-code', 'not-idempotent', 'duplicate-items-across-pages'],
      [],
    ),
    await verify(
      '(c) a build that dropped a field, recorded traffic only',
      ['drops-consumer-field'],
      ['--only', 'fixtures'],
    ),
  ];
  const expected = [0, 1, 1];
  console.log(
    `\n${'='.repeat(100)}\nexit codes ${codes.join(', ')} (expected ${expected.join(', ')}: pass, fail, fail)`,
  );
  if (codes.some((c, i) => c !== expected[i])) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
