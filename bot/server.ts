/**
 * The bot as a plain Node HTTP server (an alternative to `probot run`): `node dist/bot/server.js` with
 * APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET set; PORT (default 3000) and WEBHOOK_PATH
 * (default `/api/github/webhooks`) optional. Probot verifies every delivery's `X-Hub-Signature-256` against
 * WEBHOOK_SECRET and refuses the ones that do not match before any handler runs.
 */
import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { type ApplicationFunction, type Probot, createNodeMiddleware, createProbot } from 'probot';

import app from './app.js';

export interface BotServerOptions {
  /** Default: `createProbot()`, configured from the environment. */
  probot?: Probot;
  appFn?: ApplicationFunction;
  /** Default: Probot's `/api/github/webhooks`. */
  webhooksPath?: string;
}

/** An HTTP server that hands webhook deliveries to the app; anything else gets 404. Not yet listening. */
export async function createBotServer(opts: BotServerOptions = {}): Promise<Server> {
  const probot = opts.probot ?? createProbot();
  const middleware = await createNodeMiddleware(opts.appFn ?? app, {
    probot,
    ...(opts.webhooksPath ? { webhooksPath: opts.webhooksPath } : {}),
  });
  return createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
  });
}

async function main(): Promise<void> {
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
