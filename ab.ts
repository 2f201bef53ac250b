// A/B engine cost in one process, interleaved, so machine noise hits both alike.
const [a, b] = [process.argv[2], process.argv[3]];
const A = await import(`${a}/shared/engine/index.ts`);
const B = await import(`${b}/shared/engine/index.ts`);
const time = (m: typeof A) => {
  const t0 = process.cpuUsage();
  const e = m.createEngine({ cluster: { masters: 3, agents: 1000, publicAgents: 0 }, seed: 1 });
  const n = e.advanceTo(355_000).length;
  const u = process.cpuUsage(t0);
  return { ms: (u.user + u.system) / 1000, n };
};
const ra: number[] = [], rb: number[] = [];
let na = 0, nb = 0;
for (let i = 0; i < 16; i++) { const x = time(A); ra.push(x.ms); na = x.n; const y = time(B); rb.push(y.ms); nb = y.n; }
const med = (r: number[]) => r.slice().sort((p, q) => p - q)[r.length >> 1];
console.log(`A ${med(ra).toFixed(0)} ms (${na} events, ${(med(ra) * 1e6 / na).toFixed(0)} ns/event)  B ${med(rb).toFixed(0)} ms (${nb} events, ${(med(rb) * 1e6 / nb).toFixed(0)} ns/event)  B/A ${(med(rb) / med(ra)).toFixed(2)}`);
