import "server-only";
import { frenchDay } from "@/lib/product-version";
import { productInfo } from "@/lib/products";
import { schoolYearLabel, yearArchiveOn, yearChangeOn } from "@/lib/school-calendar";
import { type AccountFacts, deliver } from "@/lib/server/hosting-account/credential-messages";
import { sendMail } from "@/lib/server/mail/send-mail";
import { consoleUrl } from "@/lib/server/app-url";

/** What the hosting responsible is told of the yearly steps (seed 004, "Chaque année"), by e-mail. */
function mail(account: AccountFacts, kind: string, subject: string, lines: string[]) {
  const product = productInfo(account.product).displayName;
  const text = [`Bonjour ${account.responsibleName},`, "", ...lines, "", `Console d'hébergement : ${consoleUrl()}`].join("\n");
  return deliver(account, "EMAIL", kind, () =>
    sendMail({ to: account.responsibleEmail, subject: `${product} hébergé : ${subject}`, text }),
  );
}

const preVersionLine = (year: number) =>
  `Vous pouvez demander le passage à la préversion ${year} à partir du ${frenchDay(yearArchiveOn(year))} depuis Mon compte > Changement de version.`;

/** A week before the July archive of calendar year `year`. */
export function emailArchiveNotice(account: AccountFacts, year: number) {
  return mail(account, "year-archive-notice", `archive de vos bases le ${frenchDay(yearArchiveOn(year))}`, [
    `Le ${frenchDay(yearArchiveOn(year))}, une archive de la base de l'année ${schoolYearLabel(year - 1)} de chacun de vos plannings`,
    "sera créée automatiquement. Vous la retrouverez dans la console, volet Mes plannings, rubrique « Archives ».",
    "",
    `Le passage à la version ${year} et la création d'une nouvelle base vide seront automatiques le ${frenchDay(yearChangeOn(year))}.`,
    preVersionLine(year),
  ]);
}

/** The archives written: one line per planning. */
export function emailArchiveDone(account: AccountFacts, year: number, archives: string[]) {
  return mail(account, "year-archive", `archives de vos bases ${schoolYearLabel(year - 1)}`, [
    `Les archives de vos bases ${schoolYearLabel(year - 1)} ont été créées :`,
    ...archives.map((line) => `  - ${line}`),
    "",
    "Vous pouvez les télécharger depuis Mes plannings, rubrique « Archives ». Vos bases en service ne sont pas modifiées.",
    preVersionLine(year),
  ]);
}

/** An archive could not be written: the base stays as it is, the console tries again. */
export function emailArchiveFailed(account: AccountFacts, planningName: string, reason: string) {
  return mail(account, "year-archive-failed", `l'archive de ${planningName} n'a pas pu être créée`, [
    `L'archive de la base de ${planningName} n'a pas pu être créée : ${reason}`,
    "Votre base n'est pas modifiée, et elle ne sera pas remplacée tant que son archive n'aura pas été écrite et vérifiée.",
    "La console essaiera à nouveau automatiquement ; le journal de Mon compte en garde la trace.",
  ]);
}

/** A week before the end-of-August change of `year`. */
export function emailChangeNotice(account: AccountFacts, year: number) {
  return mail(account, "year-change-notice", `passage à la version ${year} le ${frenchDay(yearChangeOn(year))}`, [
    `Le ${frenchDay(yearChangeOn(year))}, vos plannings passeront à la version ${year} et une nouvelle base vide pour l'année`,
    `${schoolYearLabel(year)} sera mise en service à la place de la base ${schoolYearLabel(year - 1)}, qui reste disponible dans les archives.`,
    "Les Espaces de l'ancienne base seront arrêtés : ils reprendront quand vous publierez la nouvelle base.",
    "",
    "Si vous êtes passé à la préversion et avez déjà créé la base de l'année suivante, elle ne sera pas modifiée.",
  ]);
}

/** The change done: what the school does next. */
export function emailChangeDone(account: AccountFacts, year: number, bases: string[]) {
  return mail(account, "year-change", `vos plannings sont en version ${year}`, [
    `Vos plannings sont passés à la version ${year}${bases.length ? " ; une nouvelle base vide est en service :" : "."}`,
    ...bases.map((line) => `  - ${line}`),
    "",
    "Prochaines étapes, depuis la console d'hébergement :",
    "  1. Récupérez les données de l'an passé (Mes plannings > Archives > « Récupérer les données de l'an passé ») :",
    "     les utilisateurs gardent leurs identifiants et mots de passe.",
    "  2. Importez la mise à jour de SIECLE et de STSWEB (Communication > Destinataires et envois).",
    "  3. Publiez la nouvelle base (Mes plannings > onglet .net > Publier) : les Espaces reprennent.",
    "  4. Envoyez les courriers de connexion aux utilisateurs qui n'ont pas encore activé leur compte.",
    "Les codes des courriers de l'an passé qui n'ont pas servi ont expiré.",
  ]);
}
