import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { consoleUrl } from "@/lib/server/app-url";
import { describeBrowser } from "@/lib/server/sign-in/hosting/certificates";
import { sendMail } from "@/lib/server/mail/send-mail";

type Recipient = { accountId: string; loginId: string; firstName: string; lastName: string; email: string | null };

/** The e-mails of the sign-in steps. A failed sending never fails the sign-in: it is logged. */
export async function notifyNewDevice(user: Recipient, userAgent: string) {
  if (!user.email) return;
  const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }).format(clock.now());
  await sendMail({
    to: user.email,
    subject: "Connexion à votre compte depuis un appareil non enregistré",
    text: [
      `Bonjour ${user.firstName} ${user.lastName},`,
      "",
      `Une connexion à votre compte ${user.loginId} a eu lieu le ${when} depuis un appareil non enregistré (${describeBrowser(userAgent)}).`,
      "Si vous n'en êtes pas l'auteur, prévenez sans attendre l'administrateur de votre établissement.",
    ].join("\n"),
  }).catch((error) => console.error("new-device notification failed", error));
}

/** After ten wrong PINs: the link of the unlock page and the code to type there. */
export async function sendPinLockedMail(user: Recipient, code: string) {
  if (!user.email) return;
  const domain = await db.domain.findFirst({ where: { accountId: user.accountId, controllerId: { not: null } } });
  const link = `${consoleUrl()}/espace/deverrouiller${domain ? `?controleur=${domain.fqdn}` : ""}`;
  await sendMail({
    to: user.email,
    subject: "Votre connexion par code PIN est bloquée",
    text: [
      `Bonjour ${user.firstName} ${user.lastName},`,
      "",
      "Dix codes PIN erronés ont été saisis pour votre compte : la connexion depuis un nouvel appareil est bloquée.",
      `Pour la débloquer, ouvrez ${link}`,
      `et saisissez, avec votre identifiant et votre mot de passe, le code de déblocage : ${code}`,
      "Ce code est valable 24 heures. Si vous n'êtes pas à l'origine de ces essais, prévenez votre administrateur.",
    ].join("\n"),
  }).catch((error) => console.error("unlock e-mail failed", error));
}
