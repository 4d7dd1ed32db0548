"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { acceptLicenceAction } from "@/lib/actions/account";

/** F2 step 10: "J'accepte le Contrat de licence", then Accepter; Refuser signs out. */
export function LicenceForm() {
  const router = useRouter();
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await acceptLicenceAction({ accepted: accepted as true });
          if (result.ok) {
            router.push("/configuration");
            router.refresh();
          } else {
            setError(result.fieldErrors?.accepted ?? result.formError ?? "L'acceptation n'a pas été enregistrée.");
          }
        });
      }}
    >
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} aria-describedby="licence-error" />
        J&apos;accepte le Contrat de licence
      </label>
      <p id="licence-error" className="field-error" aria-live="polite">
        {error}
      </p>
      <div className="flex gap-2">
        <button type="button" className="btn-secondary" onClick={() => signOut({ callbackUrl: "/connexion" })}>
          Refuser
        </button>
        <button type="submit" className="btn-primary" disabled={pending}>
          Accepter
        </button>
      </div>
    </form>
  );
}
