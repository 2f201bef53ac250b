// Composition root and the only place that listens: `npm start` builds the web app if needed, then serves it
// with the live socket.io endpoints and the HTTP API on http://HOST:PORT (defaults 127.0.0.1:3000).
// Process-level failures are logged, never fatal for one bad request; SIGINT/SIGTERM close sockets and timers
// and exit 0.
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from './app.ts';
import type { WebMiddleware } from './deps.ts';
import { realDeps } from './engineDeps.ts';
import { createLogger } from './log.ts';
import { configuredOrigins } from './origins.ts';
import { buildWebIfNeeded } from './webBuild.ts';
import { generatePresenterKey } from './room/presenterKey.ts';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST_DIR = path.join(ROOT_DIR, 'dist');
/** Where rooms are stored unless DATA_DIR says otherwise (git-ignored). */
const DEFAULT_DATA_DIR = path.join(ROOT_DIR, 'data');
const DEFAULT_PORT = 3000;
const DEFAULT_HOST = '127.0.0.1';
/** Shutdown waits this long for sockets to close before exiting anyway (3 s is documented; leave room for a busy loop). */
const SHUTDOWN_GRACE_MS = 2_500;

/** A bind only this machine can reach: the default room may stay open there without a key. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * The default room's presenter key (architecture.md §7): PRESENTER_KEY when set; generated when bound beyond this
 * machine without one (the room is then a class room, and `generated` says to print its link once, as Jupyter
 * prints its token URL); none on a loopback bind (an open room).
 */
function defaultRoomKey(host: string): { key: string | null; generated: boolean } {
  const given = process.env.PRESENTER_KEY;
  if (given !== undefined && given !== '') return { key: given, generated: false };
  if (isLoopbackHost(host)) return { key: null, generated: false };
  return { key: generatePresenterKey(), generated: true };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer 0..65535, got '${value}'`);
  }
  return port;
}

async function main(): Promise<void> {
  const logger = createLogger();
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--dev');
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(' ')}; allowed: --dev (env: PORT, HOST, PRESENTER_KEY, DATA_DIR, REDIS_URL, BOOTSCOPE_ORIGINS, BOOTSCOPE_DEV, BOOTSCOPE_NO_BUILD, LOG_LEVEL)`);
  const dev = args.includes('--dev') || process.env.BOOTSCOPE_DEV === '1';
  const port = parsePort(process.env.PORT);
  const host = process.env.HOST || DEFAULT_HOST;

  const httpServer = createServer();
  let app: App | null = null;
  let closeVite: () => Promise<void> = async () => undefined;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    if (app === null) process.exit(0);
    const started = Date.now();
    // Stop accepting first; then app.close() refuses commands, stops the rooms' timers, stores every room and tells
    // each socket why it is being disconnected; then whatever HTTP connections remain are cut.
    httpServer.close();
    const closed = Promise.all([app.close(), closeVite()]);
    httpServer.closeAllConnections();
    closed.then(
      () => {
        logger.info({ durationMs: Date.now() - started }, 'closed');
        process.exit(0);
      },
      () => process.exit(0),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  let webMiddleware: WebMiddleware | undefined;
  if (dev) {
    // Vite is a dev dependency: import it only here, and let its HMR socket share our http.Server.
    const { createServer: createVite } = await import('vite');
    const vite = await createVite({ root: ROOT_DIR, configFile: path.join(ROOT_DIR, 'vite.config.ts'), appType: 'spa', server: { middlewareMode: true, hmr: { server: httpServer } } });
    webMiddleware = vite.middlewares;
    closeVite = () => vite.close();
    logger.info('development mode: Vite middleware serves the web app with HMR');
  } else if (process.env.BOOTSCOPE_NO_BUILD === '1') {
    logger.info({ dist: DIST_DIR }, 'BOOTSCOPE_NO_BUILD=1: serving dist/ as it is');
  } else {
    try {
      await buildWebIfNeeded(ROOT_DIR, DIST_DIR, logger);
    } catch (error) {
      logger.error({ err: error }, 'building the web app failed; serving the API and whatever dist/ holds');
    }
  }

  const presenter = defaultRoomKey(host);
  const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : DEFAULT_DATA_DIR;
  app = createApp(httpServer, { ...realDeps(logger), staticDir: DIST_DIR, webMiddleware, origins: configuredOrigins(process.env), presenterKey: presenter.key, dataDir, redisUrl: process.env.REDIS_URL || null });
  // The key itself never goes to the logger; only the one-time link below (stdout, like Jupyter's token URL) shows it.
  if (presenter.key !== null) logger.info({ room: 'default', generated: presenter.generated }, 'the default room is a class room: only its presenter may change it');

  httpServer.on('error', (error) => {
    logger.fatal({ err: error, host, port }, 'could not listen');
    process.exit(1);
  });
  httpServer.listen(port, host, () => {
    const address = httpServer.address();
    const actual = typeof address === 'object' && address !== null ? address.port : port;
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    logger.info({ url: `http://${shown}:${actual}/`, host, port: actual }, `Bootscope is running at http://${shown}:${actual}/`);
    // With REDIS_URL, other processes reach this one's rooms over HTTP at this address (scaleout/httpProxy.ts).
    const reachable = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${actual}`;
    app?.start(process.env.BOOTSCOPE_ADVERTISE_URL || reachable).catch((error: unknown) => {
      // A Redis without persistence (or one that cannot say) is refused: it would lose rooms and keys on a restart.
      logger.fatal({ err: error }, 'could not join the other processes (REDIS_URL)');
      process.stderr.write(`bootscope: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    });
    if (presenter.generated && presenter.key !== null) {
      process.stdout.write(`\n    To present the default room (only you may change it), open:\n        http://${shown}:${actual}/#key=${presenter.key}\n    Students open http://${shown}:${actual}/ and watch.\n\n`);
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bootscope: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
