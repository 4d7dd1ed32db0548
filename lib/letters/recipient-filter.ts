/** What the recipients list shows and a sending chooses by: a class, a name or login, the password's state. */
export type RecipientFilter = { group?: string; search?: string; password?: "PROVISIONAL" | "PERSONALIZED"; source?: RecordSource };

/** Where a person's record comes from: the national systems, a CSV file, or typed in the console. */
export const RECORD_SOURCES = { SIECLE: "SIECLE", STSWEB: "STSWEB", CSV: "CSV", SAISIE: "Saisie" } as const;
export type RecordSource = keyof typeof RECORD_SOURCES;

/** The filter's place in the page's address, so that a list can be bookmarked and reloaded. */
export const FILTER_PARAMS = { group: "classe", search: "recherche", password: "mdp", source: "source" } as const;
export const PASSWORD_VALUES = { PROVISIONAL: "provisoire", PERSONALIZED: "personnalise" } as const;

/** `?…&classe=3B&mdp=provisoire` → the filter the server applies. */
export function filterOfParams(params: { classe?: string; recherche?: string; mdp?: string; source?: string }): RecipientFilter {
  const password = (Object.keys(PASSWORD_VALUES) as (keyof typeof PASSWORD_VALUES)[]).find((k) => PASSWORD_VALUES[k] === params.mdp);
  const text = (value: string | undefined) => (typeof value === "string" ? value.trim().slice(0, 100) : "");
  return {
    ...(text(params.classe) ? { group: text(params.classe) } : {}),
    ...(text(params.recherche) ? { search: text(params.recherche) } : {}),
    ...(password ? { password } : {}),
    ...(params.source && params.source in RECORD_SOURCES ? { source: params.source as RecordSource } : {}),
  };
}
