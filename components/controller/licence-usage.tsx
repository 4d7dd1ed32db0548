import { getLicenceUsage } from "@/lib/server/controller/licence-usage";

/** F5 Licences. */
export async function LicenceUsage({ accountId }: { accountId: string }) {
  const usage = await getLicenceUsage(accountId);
  const rows: [string, string][] = [
    [
      "Plannings",
      `${usage.licensedPlannings} dans la licence, ${usage.configuredPlannings} configurés, ${usage.runningPlannings} en service`,
    ],
    ["Licences .net activées", String(usage.netLicences)],
    ["Connexions administratives simultanées", String(usage.licensedConnections)],
    ["Connexions en cours", String(usage.currentConnections)],
  ];
  return (
    <div className="space-y-3 text-sm">
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-[18rem_1fr] gap-2 py-1">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="font-semibold">
        Il reste {usage.available} licence{usage.available > 1 ? "s" : ""} disponible{usage.available > 1 ? "s" : ""}
      </p>
    </div>
  );
}
