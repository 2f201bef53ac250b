// The engine's public vocabulary as the web sees it: types only (events, views, faults, explanations), so the web
// never loads shared/engine at run time. Runtime lists of the DC/OS vocabulary come from shared/model/vocabulary.ts.
export type * from '../engine/types.ts';
export type { AffectedUnit, PreviewOutcome } from '../engine/preview.ts';
