"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { resendCredentialsAction, revokeCertificateAction } from "@/lib/actions/account";

/** F11 "Recevoir mes identifiants d'hébergement". */
export function ResendCredentialsButton() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await resendCredentialsAction({});
            setMessage(
              result.ok
                ? { ok: true, text: `Vos identifiants d'hébergement ont été envoyés à ${result.data.email}.` }
                : { ok: false, text: result.formError ?? "L'envoi a échoué." },
            );
          })
        }
      >
        Recevoir mes identifiants d&apos;hébergement
      </button>
      <p role="status" className={message?.ok ? "text-sm text-ok" : "field-error"}>
        {message?.text}
      </p>
    </div>
  );
}

/** F11: revoking the certificate of this very browser signs it out. */
export function RevokeCertificateButton({ certificateId, label }: { certificateId: string; label: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="btn-secondary"
        aria-label={`Révoquer le certificat ${label}`}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await revokeCertificateAction({ certificateId });
            if (!result.ok) return setError(result.formError ?? "La révocation a échoué.");
            if (result.data.signedOut) await signOut({ callbackUrl: "/connexion" });
            else router.refresh();
          })
        }
      >
        Révoquer
      </button>
      {error && <span className="field-error ml-2">{error}</span>}
    </>
  );
}

export function SignOutButton() {
  return (
    <button type="button" className="btn-secondary" onClick={() => signOut({ callbackUrl: "/connexion" })}>
      Déconnexion
    </button>
  );
}
