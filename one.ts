const dir = process.argv[2];
const m = await import(`${dir}/shared/engine/index.ts`);
const runs = Number(process.argv[3] ?? 1);
for (let i = 0; i < runs; i++) m.createEngine({ cluster: { masters: 3, agents: 1000, publicAgents: 0 }, seed: 1 }).advanceTo(355_000);
