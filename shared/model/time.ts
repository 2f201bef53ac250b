// The one way simulated time is written for people: the dashboard clock, the event log, the timeline axis, the
// CLI and the explanations all say "07:44" for the same moment, so a teacher can match them by eye.
// "mm:ss" below an hour (fixed width keeps CLI columns and the clock from jumping), "h:mm:ss" from one hour;
// `millis` adds ".mmm" where two events in the same second must stay distinguishable (CLI log, script errors).
// Pure; negative or non-finite input clamps to 0 (a clock never shows "-0:01" or "NaN:NaN").

export function formatSimTime(simTimeMs: number, opts: { millis?: boolean } = {}): string {
  const ms = Number.isFinite(simTimeMs) ? Math.max(0, Math.floor(simTimeMs)) : 0;
  const totalSec = Math.floor(ms / 1000);
  const sec = String(totalSec % 60).padStart(2, '0');
  const totalMin = Math.floor(totalSec / 60);
  const clock = totalMin < 60
    ? `${String(totalMin).padStart(2, '0')}:${sec}`
    : `${Math.floor(totalMin / 60)}:${String(totalMin % 60).padStart(2, '0')}:${sec}`;
  return opts.millis ? `${clock}.${String(ms % 1000).padStart(3, '0')}` : clock;
}
