// Wires the real boot engine, the DC/OS unit catalog and the built-in scenario files into the server's
// injected dependencies: the one place the server names concrete implementations (tests may swap them).
import type { Logger } from 'pino';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import { unitLabel } from '../shared/model/catalog.ts';
import type { ServerDeps } from './deps.ts';
import { listScenarios, loadBuiltinScenario } from './scenarios.ts';

export function realDeps(logger: Logger): ServerDeps {
  return {
    createEngine,
    restoreEngine,
    unitLabel,
    scenarios: { list: listScenarios, load: (name) => loadBuiltinScenario(name) },
    logger,
  };
}
