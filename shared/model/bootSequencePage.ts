// Which published version of the DC/OS "Boot Sequence" page the step numbers follow (its own module so the web can
// say so without bundling every step's text).
/**
 * Which published page the numbering follows. The seed is the first text of the page (1.9/1.10, variant A in
 * dcos-model.md §6), which lists Diagnostics first; the simulated components are DC/OS 1.11, whose corrected page
 * (variant C) orders them as the ExecStartPre gates do. Shown in the CLI summary and the dashboard's event log.
 */
export const BOOT_SEQUENCE_PAGE = {
  label: 'DC/OS 1.10 "Boot Sequence" page',
  short: 'DC/OS 1.10 page',
  url: 'https://docs.mesosphere.com/1.10/overview/architecture/boot-sequence/',
  note: 'step numbers follow the DC/OS 1.10 "Boot Sequence" page; the simulated services are DC/OS 1.11, which really come up in gate order (Exhibitor, networking, Mesos, Mesos-DNS, Marathon, Admin Router, diagnostics)',
} as const;
