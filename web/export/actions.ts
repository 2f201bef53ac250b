/**
 * What the toolbar's Export menu offers, as data: the menu (main chunk) renders this list and hands the chosen id to
 * the lazy exporter (exporter.ts), so adding a format means one entry here and one case there.
 */
export type ExportAction = 'dag-svg' | 'dag-png' | 'timeline-svg' | 'timeline-png' | 'events-ndjson' | 'events-csv' | 'recording';

export interface ExportItem {
  id: ExportAction;
  label: string;
  hint: string;
}

export const EXPORT_GROUPS: readonly { title: string; items: readonly ExportItem[] }[] = [
  { title: 'Dependency graph', items: [
    { id: 'dag-svg', label: 'DAG as SVG', hint: 'The whole graph as a vector image' },
    { id: 'dag-png', label: 'DAG as PNG', hint: 'The whole graph as a picture (2x)' },
  ] },
  { title: 'Timeline', items: [
    { id: 'timeline-svg', label: 'Timeline as SVG', hint: 'The timeline as shown' },
    { id: 'timeline-png', label: 'Timeline as PNG', hint: 'The timeline as shown, as a picture (2x)' },
  ] },
  { title: 'Data', items: [
    { id: 'events-ndjson', label: 'Event log (ndjson)', hint: 'Every event since boot, one JSON per line (as the CLI prints it)' },
    { id: 'events-csv', label: 'Event log (CSV)', hint: 'Every event since boot, for a spreadsheet' },
    { id: 'recording', label: 'Recording (JSON)', hint: 'Cluster, seed and every command: replay it with the CLI or load it into a room' },
  ] },
];
