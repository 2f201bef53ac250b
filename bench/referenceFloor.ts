// The issue 10 reference floor (shared/bench/heap-floor.mjs, ported): a typed-array binary heap on (time, seq), each
// popped entry turned into one small fixed-shape log object (~190 bytes of JSON) and written as ndjson to a counting
// sink. Cheaper than runHeapFloor (which writes the engine's own, bigger events): the "bare heap and ndjson" cost.
import { LineWriter, countingSink } from '../server/cli/output.ts';

/** Nanoseconds per event over n events (one run). */
export function runReferenceFloor(n: number): number {
  const heapT = new Float64Array(n);
  const heapS = new Int32Array(n);
  let size = 0;
  const push = (t: number, s: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapT[p] < t || (heapT[p] === t && heapS[p] < s)) break;
      heapT[i] = heapT[p];
      heapS[i] = heapS[p];
      i = p;
    }
    heapT[i] = t;
    heapS[i] = s;
  };
  const pop = (out: [number, number]) => {
    out[0] = heapT[0];
    out[1] = heapS[0];
    const t = heapT[--size];
    const s = heapS[size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (heapT[c + 1] < heapT[c] || (heapT[c + 1] === heapT[c] && heapS[c + 1] < heapS[c]))) c++;
      if (heapT[c] > t || (heapT[c] === t && heapS[c] > s)) break;
      heapT[i] = heapT[c];
      heapS[i] = heapS[c];
      i = c;
    }
    heapT[i] = t;
    heapS[i] = s;
  };
  let x = 12345;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
  const writer = new LineWriter(countingSink());
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) push(Math.floor(rnd() * 1_800_000), i);
  const top: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    pop(top);
    const ev = { seq: i + 1, simTimeMs: top[0], type: 'unit', node: `agent-${top[1] % 1000}`, unit: 'dcos-mesos-slave', from: 'starting', to: 'healthy', cause: { text: 'registered with the leading master', deps: ['mesos-leader'] } };
    writer.line(JSON.stringify(ev));
  }
  writer.flush();
  return Number(process.hrtime.bigint() - start) / n;
}
