// The test CAS server's accounts (scripts/cas-server.mjs serves them), as an ODE/Edifice ENT
// releases them to PRONOTE: nom, prenom, dateNaissance (dd/mm/yyyy), categories (National_1 pupil,
// National_2 relative, National_3 teacher, National_4 staff) and here a `login` attribute that
// carries the product's login for the second way of matching. Fictitious people.
export const CAS_USERS = {
  "cas.agent": { password: "Cas-Agent-2026!", attributes: { nom: "AGENT", prenom: "Claire", categories: "National_4" } },
  "ent.lea": {
    password: "Ent-Lea-2026!",
    attributes: { nom: "MARTIN", prenom: "Léa", dateNaissance: "12/03/2011", categories: "National_1", login: "lea.martin" },
  },
  "ent.tom": {
    password: "Ent-Tom-2026!",
    attributes: { nom: "PETIT", prenom: "Tom", dateNaissance: "04/09/2010", categories: "National_1", login: "tom.petit" },
  },
  "ent.parent": {
    password: "Ent-Parent-2026!",
    attributes: { nom: "MARTIN", prenom: "Sophie", categories: "National_2", login: "sophie.martin" },
  },
  // A pupil of the e2e seed ("pupils" stage: Élève000…Élève029 Zoé).
  "ent.zoe": {
    password: "Ent-Zoe-2026!",
    attributes: { nom: "ELEVE007", prenom: "Zoé", dateNaissance: "07/09/2014", categories: "National_1" },
  },
  // A responsable's namesake at another school (its UAI), and a pupil's at another school with her
  // very birth date: neither is matched on his own (lib/server/people/ent-sign-in.ts).
  "ent.sophie.ailleurs": {
    password: "Ent-Sophie-2026!",
    attributes: { nom: "MARTIN", prenom: "Sophie", categories: "National_2", ENTPersonStructRattachRNE: "0999999Z" },
  },
  "ent.lea.ailleurs": {
    password: "Ent-Lea-Ailleurs-2026!",
    attributes: {
      nom: "MARTIN",
      prenom: "Léa",
      dateNaissance: "12/03/2011",
      categories: "National_1",
      ENTPersonStructRattachRNE: "0999999Z",
    },
  },
  // A pupil whose ENT releases his SIECLE identifier (the AAF feed's ENTPersonJointure).
  "ent.jointure": {
    password: "Ent-Jointure-2026!",
    attributes: { nom: "AUTRE-NOM", prenom: "Hugo", categories: "National_1", ENTPersonJointure: "100042" },
  },
  "ent.homonyme": {
    password: "Ent-Homonyme-2026!",
    attributes: { nom: "BERNARD", prenom: "Louis", dateNaissance: "01/01/2011", categories: "National_1" },
  },
};
