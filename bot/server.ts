/**
 * The bot as a plain Node HTTP server (`npm start`, i.e. `node dist/bot/server.js`) with APP_ID,
 * PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET set, from the environment or `.env`; PORT (default
 * 3000), WEBHOOK_PATH (default `/api/github/webhooks`) and REDIS_URL (deliveries of one PR one at a time
 * across replicas) optional. Without APP_ID it opens Probot's setup page, as `probot run` does.
 * Deliveries go through the intake (src/github/webhook-intake.ts): body size limit, signature checked
 * against WEBHOOK_SECRET, payload checked, one-line answers and logs without payloads; then to the app.
 * (`probot run` mounts Probot's own webhook middleware, which has none of that.)
 */
import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { type ApplicationFunction, type Probot, createNodeMiddleware, createProbot, run } from 'probot';

import { errorText } from '../src/github/client.js';
import { webhookIntake } from '../src/github/webhook-intake.js';
import app from './app.js';

export interface BotServerOptions {
  /** Default: `createProbot()`, configured from the environment. */
  probot?: Probot;
  appFn?: ApplicationFunction;
  /** Default: Probot's (`/api/github/webhooks`, or WEBHOOK_PATH through `createProbot`). */
  webhooksPath?: string;
}

/** An HTTP server that hands webhook deliveries to the app; anything else gets 404. Not yet listening. */
export async function createBotServer(opts: BotServerOptions = {}): Promise<Server> {
  const probot = opts.probot ?? createProbot();
  // Loads the app; Probot's webhook middleware at the end of it never sees a delivery (the intake answers).
  const middleware = await createNodeMiddleware(opts.appFn ?? app, {
    probot,
    ...(opts.webhooksPath ? { webhooksPath: opts.webhooksPath } : {}),
  });
  const log = probot.log.child({ name: 'intake' });
  const intake = webhookIntake(probot.webhooks, {
    path: opts.webhooksPath ?? probot.webhookPath,
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });
  const notFound = (res: ServerResponse) =>
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  return createServer((req, res) => {
    intake(req, res)
      .then((handled) => (handled ? undefined : middleware(req, res, () => notFound(res))))
      .catch((error: unknown) => {
        log.error(`${req.method ?? '?'} ${req.url ?? '?'}: ${errorText(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
      });
  });
}

async function main(): Promise<void> {
  // Like `probot run`: settings from `.env` in the working directory (the setup page writes it there).
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (!process.env.APP_ID) {
    // First start: Probot's setup page registers the app from app.yml and writes `.env`; start again then.
    await run(app);
    return;
  }
  if (!process.env.WEBHOOK_SECRET) {
    throw new Error('WEBHOOK_SECRET is not set: deliveries could not be verified');
  }
  const server = await createBotServer();
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, process.env.HOST, () => {
    process.stdout.write(`contractguard bot listening on port ${port}\n`);
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
