/** The columns a population's CSV file provides (F16 recipients), shared by the import step and its server. */
export const PEOPLE_FIELDS = ["lastName", "firstName", "loginId", "email", "civility", "group"] as const;
export type PeopleField = (typeof PEOPLE_FIELDS)[number];
export const FIELD_LABELS: Record<PeopleField, string> = {
  lastName: "Nom",
  firstName: "Prénom",
  loginId: "Identifiant",
  email: "E-mail",
  civility: "Civilité",
  group: "Classe",
};
export const REQUIRED_FIELDS: PeopleField[] = ["lastName", "firstName"];
export type Mapping = Record<PeopleField, number | null>;

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;
