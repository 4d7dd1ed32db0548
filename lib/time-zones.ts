/** SPEC F3 "Fuseau horaire": IANA zones, shown as the Windows console shows them. */
const NAMED: Record<string, string> = {
  "Europe/Paris": "Bruxelles, Copenhague, Madrid, Paris",
};

function offsetMinutes(timeZone: string, at: Date): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** Standard time: the smaller of the winter and summer offsets, in either hemisphere. */
function standardOffset(timeZone: string): number {
  const year = new Date().getUTCFullYear();
  return Math.min(offsetMinutes(timeZone, new Date(Date.UTC(year, 0, 15))), offsetMinutes(timeZone, new Date(Date.UTC(year, 6, 15))));
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export type TimeZoneOption = { value: string; label: string; offset: number };

let cache: TimeZoneOption[] | undefined;

export function timeZoneOptions(): TimeZoneOption[] {
  cache ??= Intl.supportedValuesOf("timeZone")
    .map((value) => {
      const offset = standardOffset(value);
      const place = NAMED[value] ?? value.split("/").slice(1).join(" / ").replaceAll("_", " ") ?? value;
      return { value, offset, label: `(${formatOffset(offset)}) ${place || value}` };
    })
    .sort((a, b) => a.offset - b.offset || a.label.localeCompare(b.label, "fr"));
  return cache;
}

export function isTimeZone(value: string): boolean {
  return timeZoneOptions().some((o) => o.value === value);
}

export function timeZoneLabel(value: string): string {
  return timeZoneOptions().find((o) => o.value === value)?.label ?? value;
}
