// The server process of the live benchmark: the real app (real engine, no static files) on an ephemeral port.
// Prints {"port": N} on stdout once listening, so bench/live.ts can measure this process alone; over IPC it
// reports its event-loop delay for the measured window.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../server/app.ts';
import { realDeps } from '../server/engineDeps.ts';
import { createLogger } from '../server/log.ts';

const logger = createLogger({ level: 'warn', pretty: false });
const httpServer = createServer();
const app = createApp(httpServer, { ...realDeps(logger), staticDir: null, limits: { maxRooms: 4 } });
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (httpServer.address() as AddressInfo).port })}\n`);
});
// The server's own event-loop delay: if this is small while viewers see large delays, the time is not spent here.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
process.on('message', (m: { type: string }) => {
  if (m.type === 'loop:start') loopDelay.enable();
  if (m.type === 'loop:stop') {
    loopDelay.disable();
    process.send?.({ type: 'loop', p50Ms: loopDelay.percentile(50) / 1e6, p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 });
  }
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
