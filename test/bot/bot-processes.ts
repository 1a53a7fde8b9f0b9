/**
 * Bot processes for the tests that need more than one bot, or the bot's own memory and logs: the server
 * entry (test/bot/bot-process.ts) bundled once with esbuild (packages stay in node_modules), each process
 * forked with --expose-gc and an IPC channel. Every process started is killed in `stopAll`, also when a
 * test fails.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * The entry to fork: a file that imports the bundle. Forking the bundle itself would make it the main
 * module, and bot/server.ts inside it would start its own `main()` (which reads an app id).
 */
function bundle(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'contractguard-tests');
  const outfile = join(dir, `bot-process-${process.pid}.mjs`);
  const entry = join(dir, `bot-process-${process.pid}-main.mjs`);
  bundled ??= build({
    absWorkingDir: ROOT,
    entryPoints: ['test/bot/bot-process.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
    .then(() => writeFile(entry, `import './bot-process-${process.pid}.mjs';\n`))
    .then(() => entry);
  return bundled;
}

export interface BotProcess {
  /** The webhook URL. */
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once the output contains `text` (rejects when the process exits first). */
  waitFor(text: string | RegExp): Promise<void>;
  /** RSS in bytes after a full GC in the process. */
  rss(): Promise<number>;
}

const running = new Set<ChildProcess>();

export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const file = await bundle();
  const child = fork(file, [], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  let output = '';
  const waiters = new Set<() => void>();
  const onOutput = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      reject(new Error(`the bot process exited (${signal ?? code}):\n${output}`));
    });
  });
  exited.catch(() => undefined);
  const message = <T>(pick: (m: unknown) => T | undefined): Promise<T> =>
    Promise.race([
      exited,
      new Promise<T>((resolve) => {
        const on = (m: unknown) => {
          const value = pick(m);
          if (value === undefined) return;
          child.off('message', on);
          resolve(value);
        };
        child.on('message', on);
      }),
    ]);
  const port = await message((m) => (m as { port?: number }).port);
  return {
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    output: () => output,
    waitFor(text) {
      const found = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      return Promise.race([
        exited,
        new Promise<void>((resolve) => {
          const check = () => {
            if (!found()) return;
            waiters.delete(check);
            resolve();
          };
          waiters.add(check);
          check();
        }),
      ]);
    },
    rss() {
      const answer = message((m) => (m as { rss?: number }).rss);
      child.send('memory');
      return answer;
    },
  };
}

/** Kills every bot process still running and waits for each to exit. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
