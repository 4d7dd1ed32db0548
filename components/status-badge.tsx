const TONES = {
  off: "border-slate-400 bg-slate-100 text-slate-800",
  on: "border-green-700 bg-green-50 text-green-800",
} as const;

export function StatusBadge({ on, children }: { on: boolean; children: React.ReactNode }) {
  return (
    <span className={`inline-block rounded-full border px-2.5 py-0.5 text-xs font-semibold ${TONES[on ? "on" : "off"]}`}>{children}</span>
  );
}
