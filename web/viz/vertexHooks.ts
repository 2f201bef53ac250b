// The attributes every unit vertex carries, on the graph and on the service board alike: the stable hooks tests and
// assistive tech read (architecture §4: data-node, data-unit, data-state) and the marks the page draws rings from.
// One place, so both drawings of a unit always say the same.
import type { UnitState } from '../../shared/protocol/types.ts';

export interface VertexMarks {
  node: string;
  unit: string;
  state: UnitState;
  leader: 'mesos' | 'marathon' | null;
  converging?: boolean;
  critical?: boolean;
  quizPicked?: boolean;
  quizVotes?: number;
  quizFailed?: boolean;
  quizNobody?: boolean;
}

export function vertexHooks(p: VertexMarks): Record<string, string | number> {
  return {
    'data-node': p.node,
    'data-unit': p.unit,
    'data-state': p.state,
    ...(p.leader ? { 'data-leader': p.leader } : {}),
    ...(p.converging ? { 'data-converging': 'true' } : {}),
    ...(p.critical ? { 'data-critical': 'true' } : {}),
    ...(p.quizPicked ? { 'data-quiz-picked': 'true' } : {}),
    ...(p.quizVotes ? { 'data-quiz-votes': p.quizVotes } : {}),
    ...(p.quizFailed ? { 'data-quiz-failed': 'true' } : {}),
    ...(p.quizNobody ? { 'data-quiz-nobody': 'true' } : {}),
  };
}
