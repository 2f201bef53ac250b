// dcos-net-watchdog (dcos-model.md §2.1, §5.7): probes ready.spartan on 198.51.100.1-3 every 60 s; after a
// failed probe it sleeps 60 s and probes again, then SIGKILLs dcos-net, which systemd restarts after 5 s.
// Here it matters for a hung dcos-net: the watchdog is what ends the hang. Invariant: acts only while the
// same dcos-net process (epoch) is still hung and the watchdog itself is running.
import type { Ctx } from '../ctx.ts';
import { isUp, schedule, unitAt, unitIndex } from '../ctx.ts';
import { NET_WATCHDOG_FAILURES, NET_WATCHDOG_PERIOD_MS } from '../../model/timings.ts';
import { keyedBetween, PURPOSE } from '../rng.ts';
import { down } from './units.ts';

export function watchNet(ctx: Ctx, n: number): void {
  const net = unitAt(ctx, n, 'dcos-net');
  if (!net) return;
  schedule(ctx, keyedBetween(ctx.s.seed, PURPOSE.watchdog, n, 0, net.epoch, [1, NET_WATCHDOG_PERIOD_MS]), 'watchdog', n, 1, net.epoch);
}

export function watchdogProbe(ctx: Ctx, n: number, probe: number, e: number): void {
  const net = unitAt(ctx, n, 'dcos-net');
  if (!net || net.epoch !== e || net.state !== 'unhealthy') return;
  if (!isUp(ctx, n, 'dcos-net-watchdog')) {
    schedule(ctx, NET_WATCHDOG_PERIOD_MS, 'watchdog', n, 1, e);
    return;
  }
  if (probe < NET_WATCHDOG_FAILURES) {
    schedule(ctx, NET_WATCHDOG_PERIOD_MS, 'watchdog', n, probe + 1, e);
    return;
  }
  const id = ctx.topo.ids[n];
  down(ctx, n, unitIndex(ctx, n, 'dcos-net'), 'failed', {
    text: `SIGKILLed by dcos-net-watchdog: ready.spartan did not answer on 198.51.100.1-3 in ${NET_WATCHDOG_FAILURES} probes 60 s apart`,
    refs: [`${id}/dcos-net-watchdog`],
  });
}
