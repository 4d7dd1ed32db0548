/** One fact of an account's page ("Produit", "Numéro d'hébergement" …): its label and its value. */
export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[16rem_1fr] gap-2 py-1">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
