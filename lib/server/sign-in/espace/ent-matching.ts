import "server-only";
import { db } from "@/lib/db";
import { fold } from "@/lib/search-key";
import type { EntSettings } from "@/lib/schemas/ent";
import type { CasIdentity } from "@/lib/server/directory/cas";
import type { Espace } from "./espace-sign-in";

/** An attribute's value when the ENT sends exactly one. */
export const one = (values: string[] | undefined) => (values?.length === 1 ? values[0] : "");

/** ODE/Edifice's `categories`: National_1 pupil, _2 relative, _3 teacher, _4 staff (several joined by ";"). */
const CATEGORY: Record<string, string> = {
  National_1: "ELEVES",
  National_2: "RESPONSABLES",
  National_3: "PROFESSEURS",
  National_4: "PERSONNELS",
};

/**
 * The attributes an ENT may release with a person's national identifier (SIECLE's ELEVE_ID or
 * PERSONNE_ID, STSWEB's INDIVIDU/@ID, as the AAF feed gives it) and the UAI of his school.
 * ODE/Edifice's CAS releases neither to PRONOTE by default (../shared/reference): then only name,
 * birth date and category are there.
 */
const NATIONAL_ID_ATTRIBUTES = ["ENTPersonJointure", "externalId", "idSiecle"];
const UAI_ATTRIBUTES = ["ENTPersonStructRattachRNE", "uai", "rne"];

const valuesOf = (identity: CasIdentity, names: string[]) =>
  names
    .flatMap((name) => identity.attributes[name] ?? [])
    .flatMap((v) => v.split(/[;,]/).map((part) => part.trim()))
    .filter(Boolean);

type Candidates = { strong: EspacePersonRow[]; weak: EspacePersonRow[] };
type EspacePersonRow = Awaited<ReturnType<typeof db.espacePerson.findMany>>[number];

/**
 * The people of the Espace an ENT identity could be, by the planning's way of matching. By
 * identity, a match is *strong* — claimed at once — only on a strong key: the ENT's national
 * identifier equal to the person's SIECLE/STSWEB key, or the names, the birth date known on both
 * sides and equal, and the school's UAI where the ENT sends one. Anything weaker (no birth date, as
 * for responsables, staff and people imported by CSV; another school's UAI) is a *proposal*: the
 * person confirms it with his letter's login and password, never an automatic claim — else a
 * namesake's ENT account of another school would claim him for good.
 */
export async function candidates(espace: Espace, ent: EntSettings, identity: CasIdentity): Promise<Candidates> {
  const where = { accountId: espace.planning.accountId, planningId: espace.planning.id, leftAt: null, casId: "" };
  if (ent.matching === "ATTRIBUTE") {
    const login = one(identity.attributes[ent.loginAttribute]).trim().toLowerCase();
    return { strong: login ? await db.espacePerson.findMany({ where: { ...where, loginKey: login }, take: 2 }) : [], weak: [] };
  }
  const populations = one(identity.attributes.categories)
    .split(";")
    .map((c) => CATEGORY[c.trim()])
    .filter(Boolean);
  const nationalIds = valuesOf(identity, NATIONAL_ID_ATTRIBUTES);
  if (nationalIds.length > 0) {
    const byKey = await db.espacePerson.findMany({
      where: { ...where, population: { in: populations }, nationalKey: { in: nationalIds.slice(0, 10) } },
      take: 2,
    });
    if (byKey.length > 0) return { strong: byKey, weak: [] };
  }
  const [nom, prenom] = [one(identity.attributes.nom), one(identity.attributes.prenom)];
  if (!nom || !prenom) return { strong: [], weak: [] };
  const born = one(identity.attributes.dateNaissance);
  const found = await db.espacePerson.findMany({
    where: { ...where, population: { in: populations }, searchKey: { startsWith: `${fold(`${nom} ${prenom}`)} ` } },
    take: 20,
  });
  // Names compared whole, folded; a birth date known on both sides must agree.
  const named = found.filter(
    (p) => fold(p.lastName) === fold(nom) && fold(p.firstName) === fold(prenom) && (!born || !p.birthDate || p.birthDate === born),
  );
  const uais = valuesOf(identity, UAI_ATTRIBUTES).map((u) => u.toUpperCase());
  const school = espace.planning.account.rne?.toUpperCase();
  const ourSchool = uais.length === 0 || (school !== undefined && uais.includes(school));
  const strong = named.filter((p) => ourSchool && born !== "" && p.birthDate === born);
  return { strong, weak: named.filter((p) => !strong.includes(p)) };
}
