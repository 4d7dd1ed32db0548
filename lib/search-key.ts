/**
 * Lower case, accents off, ligatures spelt out, spaces trimmed: "Zoé" and "ZOE", "Cœur" and "coeur"
 * are one name to a search, a duplicate check or a login made up from it.
 */
export const fold = (s: string) =>
  s
    .replace(/[œŒ]/g, (c) => (c === "œ" ? "oe" : "OE"))
    .replace(/[æÆ]/g, (c) => (c === "æ" ? "ae" : "AE"))
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();

/**
 * What the lists' search looks in, stored with each person and user: the same search then works on
 * SQLite and PostgreSQL (whose LIKE differ on case) and ignores accents.
 */
export function searchKeyOf(p: { lastName: string; firstName: string; loginId: string }): string {
  return fold(`${p.lastName} ${p.firstName} ${p.loginId}`);
}

/** What /operateur's accounts list searches in: the establishment, its UAI, the responsible's name and e-mail. */
export function accountSearchKey(a: {
  establishment: string;
  rne: string | null;
  responsibleName: string;
  responsibleEmail: string;
}): string {
  return fold(`${a.establishment} ${a.rne ?? ""} ${a.responsibleName} ${a.responsibleEmail}`);
}
