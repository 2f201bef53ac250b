// The server process of the live benchmark: the real app (real engine, no static files) on an ephemeral port.
// Prints {"port": N} on stdout once listening, so bench/live.ts can measure this process alone.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app.ts';
import { realDeps } from '../server/engineDeps.ts';
import { createLogger } from '../server/log.ts';

const logger = createLogger({ level: 'warn', pretty: false });
const httpServer = createServer();
const app = createApp(httpServer, { ...realDeps(logger), staticDir: null, limits: { maxRooms: 4 } });
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (httpServer.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
