/**
 * What the recipients list shows and a sending chooses by: a class, a name or login, the password's
 * state, the record's source, and "Seulement ceux qui n'ont pas encore activé leur compte" — neither
 * a personal password nor an ENT identity yet (the second rentrée's letters).
 */
export type RecipientFilter = {
  group?: string;
  search?: string;
  password?: "PROVISIONAL" | "PERSONALIZED";
  source?: RecordSource;
  notActivated?: boolean;
};

/** Where a person's record comes from: the national systems, a CSV file, or typed in the console. */
export const RECORD_SOURCES = { SIECLE: "SIECLE", STSWEB: "STSWEB", CSV: "CSV", SAISIE: "Saisie" } as const;
export type RecordSource = keyof typeof RECORD_SOURCES;

/** The filter's place in the page's address, so that a list can be bookmarked and reloaded. */
export const FILTER_PARAMS = { group: "classe", search: "recherche", password: "mdp", source: "source", notActivated: "actives" } as const;
/** `actives=non`: only those not yet activated; `actives=tous`: everyone, even where the default is the former. */
export const NOT_ACTIVATED_VALUES = { only: "non", all: "tous" } as const;
export const NOT_ACTIVATED_LABEL = "Seulement ceux qui n'ont pas encore activé leur compte";
export const PASSWORD_VALUES = { PROVISIONAL: "provisoire", PERSONALIZED: "personnalise" } as const;

/** `?…&classe=3B&mdp=provisoire` → the filter the server applies. */
export function filterOfParams(
  params: { classe?: string; recherche?: string; mdp?: string; source?: string; actives?: string },
  defaults: { notActivated?: boolean } = {},
): RecipientFilter {
  const notActivated =
    params.actives === NOT_ACTIVATED_VALUES.only
      ? true
      : params.actives === NOT_ACTIVATED_VALUES.all
        ? false
        : Boolean(defaults.notActivated);
  const password = (Object.keys(PASSWORD_VALUES) as (keyof typeof PASSWORD_VALUES)[]).find((k) => PASSWORD_VALUES[k] === params.mdp);
  const text = (value: string | undefined) => (typeof value === "string" ? value.trim().slice(0, 100) : "");
  return {
    ...(text(params.classe) ? { group: text(params.classe) } : {}),
    ...(text(params.recherche) ? { search: text(params.recherche) } : {}),
    ...(password ? { password } : {}),
    ...(params.source && params.source in RECORD_SOURCES ? { source: params.source as RecordSource } : {}),
    ...(notActivated ? { notActivated } : {}),
  };
}
