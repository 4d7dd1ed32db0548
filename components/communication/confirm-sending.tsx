"use client";

import type { Chosen } from "./send-letters-dialog";

/** Seed 002: for who signs in through the ENT, the ENT gives out the identifiers; the letter says so. */
export function EntNotice({ count }: { count: number }) {
  return (
    <p className="text-sm" role="note">
      {count} destinataire(s) se connectent par l&apos;ENT : leur courrier ne porte ni mot de passe ni QR code, c&apos;est via l&apos;ENT
      qu&apos;ils reçoivent leurs identifiants de connexion.
    </p>
  );
}

/** The last word before e-mails or SMS leave: how many will receive it, and what becomes of the others. */
export function ConfirmSending({
  output,
  chosen,
  modelName,
  attachPdf,
}: {
  output: string;
  chosen: Chosen;
  modelName: string;
  attachPdf: boolean;
}) {
  if (output === "SMS") {
    return (
      <div className="space-y-2">
        <p>
          {chosen.withSms} destinataire(s) recevront le SMS « {modelName} ».
        </p>
        {chosen.throughEnt > 0 && <EntNotice count={chosen.throughEnt} />}
        {chosen.count - chosen.withSms > 0 && (
          <p>
            {chosen.count - chosen.withSms} destinataire(s) n&apos;ont pas de téléphone portable ou refusent les SMS : envoyez-leur le
            courrier.
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <p>
        {chosen.withEmail} destinataire(s) recevront le courrier « {modelName} » par e-mail
        {attachPdf ? ", le document joint en PDF" : ""}.
      </p>
      {chosen.throughEnt > 0 && <EntNotice count={chosen.throughEnt} />}
      {chosen.count - chosen.withEmail > 0 && (
        <p>
          {chosen.count - chosen.withEmail} destinataire(s) n&apos;ont pas d&apos;adresse e-mail : une impression de leurs courriers vous
          sera proposée.
        </p>
      )}
    </div>
  );
}
