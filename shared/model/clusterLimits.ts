// The largest cluster Bootscope simulates (architecture.md §8): one pair of numbers that every boundary reads —
// the zod schemas (socket reset, scenario files, recordings, POST /api/rooms), the CLI and the page's Reset form.
// Kept here, free of zod, so the web bundle can import it without pulling the schema library in.

/** Private agents: real DC/OS clusters ran to thousands; 10,000 is where registration storms show. */
export const MAX_AGENTS = 10_000;
/** Public agents (edge load balancers); a tenth of the private ceiling. */
export const MAX_PUBLIC_AGENTS = 1_000;
