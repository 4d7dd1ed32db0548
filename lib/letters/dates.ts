// One formatter for every letter (building one costs more than a letter's merge), on the server and
// in the Aperçu alike.
const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/** "1er janvier 2027", as French writes the first of a month (Intl writes "1 janvier"). */
export function dateFr(date: Date): string {
  return LONG_DATE.format(date).replace(/^1 /, "1er ");
}
