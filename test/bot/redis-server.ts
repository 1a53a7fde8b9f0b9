/**
 * A real `redis-server` (Debian's package; .ci/run installs it) on a free loopback port, without
 * persistence, for the tests of the bot's lock across processes. `stop` kills it and waits for the exit.
 */
import { spawn, spawnSync } from 'node:child_process';

import { freePort, stopped } from '../helpers/local-server.js';

export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).error !== undefined) {
    throw new Error('redis-server is not installed (apt-get install redis-server; .ci/run installs it)');
  }
  // The port is free when probed; another process may take it before redis binds it, hence a few tries.
  let last = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const ready = await new Promise<boolean>((resolve) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Ready to accept connections')) resolve(true);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', () => resolve(false));
    });
    if (ready) return { url: `redis://127.0.0.1:${port}`, stop: () => stopped(child) };
    last = output;
    await stopped(child);
  }
  throw new Error(`redis-server did not start:\n${last}`);
}
