// Simulated time -> wall-clock text for the journal. Simulated time 0 is one fixed instant, so a journal is
// deterministic: SIM_EPOCH_MS = 2018-03-08T10:00:00Z (the day DC/OS 1.11.0 was released), every node in UTC.
// Pure: no Date, no clock; the civil calendar is computed from days since 1970 (Howard Hinnant's algorithm).

/** 2018-03-08T10:00:00.000Z in Unix milliseconds: simulated time 0 (docs/journal.md). */
export const SIM_EPOCH_MS = 1_520_503_200_000;
/** The same instant in microseconds (journald's __REALTIME_TIMESTAMP unit); below 2^53, so exact. */
export const SIM_EPOCH_US = SIM_EPOCH_MS * 1000;

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
}

/** Unix microseconds -> UTC calendar fields (valid for any non-negative instant). */
export function civilOfUs(unixUs: number): Civil {
  const micros = ((unixUs % 1_000_000) + 1_000_000) % 1_000_000;
  const totalSeconds = Math.floor(unixUs / 1_000_000);
  const days = Math.floor(totalSeconds / 86_400);
  const secOfDay = totalSeconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, hour: Math.floor(secOfDay / 3600), minute: Math.floor((secOfDay % 3600) / 60), second: secOfDay % 60, micros };
}

/** UTC calendar fields -> Unix microseconds (the inverse of civilOfUs). */
export function usOfCivil(c: Civil): number {
  const y = c.month <= 2 ? c.year - 1 : c.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = c.month > 2 ? c.month - 3 : c.month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + c.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return ((days * 86_400 + c.hour * 3600 + c.minute * 60 + c.second) * 1_000_000) + c.micros;
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `2018-03-08T10:00:12+0000`: journalctl -o short-iso as systemd 219 (CentOS 7, DC/OS 1.11's OS) prints it in UTC. */
export function shortIsoTime(unixUs: number): string {
  const c = civilOfUs(unixUs);
  return `${c.year}-${pad(c.month, 2)}-${pad(c.day, 2)}T${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}+0000`;
}

/** glog's `MMDD HH:MM:SS.uuuuuu` (glog logging.cc LogMessage::Init). */
export function glogTime(unixUs: number): string {
  const c = civilOfUs(unixUs);
  return `${pad(c.month, 2)}${pad(c.day, 2)} ${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}.${pad(c.micros, 6)}`;
}

/** Go's log.Ldate|log.Ltime: `2018/03/08 10:00:12`. */
export function goLogTime(unixUs: number): string {
  const c = civilOfUs(unixUs);
  return `${c.year}/${pad(c.month, 2)}/${pad(c.day, 2)} ${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}`;
}

/** logback's default %date (ISO8601 pattern `yyyy-MM-dd HH:mm:ss,SSS`). */
export function logbackTime(unixUs: number): string {
  const c = civilOfUs(unixUs);
  return `${c.year}-${pad(c.month, 2)}-${pad(c.day, 2)} ${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)},${pad(Math.floor(c.micros / 1000), 3)}`;
}
