"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { installCertificateAction } from "@/lib/actions/sign-in";

// Must equal CERTIFICATE_REQUIRED and SECOND_FACTOR_REQUIRED in lib/auth/options.ts (a client file cannot import server-only code).
const CERTIFICATE_REQUIRED = "CERTIFICATE_REQUIRED";
const SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";

type Step = "credentials" | "invoice" | "installed";

/** F2: the two windows of Fiche 2, then the console. */
export function HostingSignIn() {
  const router = useRouter();
  const [step, setStep] = useState<Step>("credentials");
  const [hostingNumber, setHostingNumber] = useState("");
  const [password, setPassword] = useState("");
  const [invoiceNumber, setInvoiceNumber] = useState("");
  // Asked once the password is right, when the account has a second factor.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [invoiceError, setInvoiceError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const invoiceRef = useRef<HTMLInputElement>(null);
  const installedRef = useRef<HTMLParagraphElement>(null);

  // The window opens for this one field: the cursor goes there, as in the guide's window.
  useEffect(() => {
    if (step === "invoice") invoiceRef.current?.focus();
    // The certificate installed, the message saying what to do next takes the focus.
    if (step === "installed") installedRef.current?.focus();
  }, [step]);
  // Asked once the password was right: the code is what is typed next.
  useEffect(() => {
    if (askCode) document.getElementById("factorCode")?.focus();
  }, [askCode]);

  function connect() {
    setError(null);
    startTransition(async () => {
      const result = await signIn("hosting", { hostingNumber, password, code, redirect: false });
      if (result?.ok && !result.error) {
        router.push("/configuration");
        router.refresh();
        return;
      }
      if (result?.error === CERTIFICATE_REQUIRED) {
        setStep("invoice");
        // The code served: the next connection asks the following one.
        setCode("");
        return;
      }
      if (result?.error === SECOND_FACTOR_REQUIRED) {
        setStep("credentials");
        setAskCode(true);
        return;
      }
      setStep("credentials");
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "La connexion a échoué.");
    });
  }

  function install() {
    setInvoiceError(null);
    startTransition(async () => {
      const result = await installCertificateAction({ hostingNumber, password, invoiceNumber });
      if (result.ok) {
        setStep("installed");
        return;
      }
      setInvoiceError(result.fieldErrors?.invoiceNumber ?? result.formError ?? "Le certificat n'a pas pu être installé.");
    });
  }

  if (step === "invoice") {
    return (
      <form
        className="space-y-4"
        aria-labelledby="titre-certificat"
        onSubmit={(e) => {
          e.preventDefault();
          install();
        }}
      >
        <h2 id="titre-certificat" className="text-lg font-semibold">
          Installation du certificat
        </h2>
        <p className="text-sm text-slate-700">
          Ce navigateur ne possède pas encore de certificat pour ce compte. Saisissez le numéro de facture (composé de 10 chiffres et
          transmis par e-mail). Il ne sera demandé que lors de la première connexion.
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor="invoiceNumber" className="label">
            Numéro de facture
          </label>
          <input
            ref={invoiceRef}
            id="invoiceNumber"
            name="invoiceNumber"
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            className="input"
            value={invoiceNumber}
            onChange={(e) => setInvoiceNumber(e.target.value)}
            aria-invalid={invoiceError ? true : undefined}
            aria-describedby={invoiceError ? "invoiceNumber-error" : undefined}
          />
          <p id="invoiceNumber-error" className="field-error" aria-live="polite">
            {invoiceError}
          </p>
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={pending}>
            Installer le certificat
          </button>
          <button type="button" className="btn-secondary" onClick={() => setStep("credentials")}>
            Annuler
          </button>
        </div>
      </form>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        connect();
      }}
    >
      {step === "installed" && (
        <p
          ref={installedRef}
          tabIndex={-1}
          role="status"
          className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-sm text-green-900"
        >
          Le certificat est installé sur ce navigateur. Cliquez à nouveau sur le bouton « Se connecter à la console d&apos;hébergement ».
        </p>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="hostingNumber" className="label">
          Numéro d&apos;hébergement
        </label>
        <input
          id="hostingNumber"
          name="hostingNumber"
          inputMode="numeric"
          autoComplete="username"
          maxLength={12}
          required
          className="input"
          value={hostingNumber}
          onChange={(e) => setHostingNumber(e.target.value)}
          aria-describedby="hostingNumber-hint"
        />
        <p id="hostingNumber-hint" className="text-xs text-slate-600">
          Composé de 12 chiffres et transmis par e-mail.
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="label">
          Mot de passe de la console d&apos;hébergement
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={64}
          required
          className="input"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="password-hint"
        />
        <p id="password-hint" className="text-xs text-slate-600">
          Composé de 14 caractères et transmis par SMS.
        </p>
      </div>
      {askCode && (
        <div className="flex flex-col gap-1">
          <label htmlFor="factorCode" className="label">
            Code de l&apos;application d&apos;authentification ou code de secours
          </label>
          <input
            id="factorCode"
            name="code"
            autoComplete="one-time-code"
            maxLength={40}
            className="input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby="factorCode-hint"
          />
          <p id="factorCode-hint" className="text-xs text-slate-600">
            Double authentification : le code à 6 chiffres affiché par votre application, ou l&apos;un de vos codes de secours.
          </p>
        </div>
      )}
      <p className="field-error" role="alert">
        {error}
      </p>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Connexion…" : "Se connecter à la console d'hébergement"}
      </button>
    </form>
  );
}
