// The test IdP's accounts (scripts/saml-idp.mjs serves them): a staff member of the school as an
// ENT's SAML identity provider releases him. Fictitious people.
export const SAML_USERS = {
  "saml.agent": {
    password: "Saml-Agent-2026!",
    attributes: { uid: "saml.agent", sn: "AGENT", givenName: "Marc", categories: "National_4" },
  },
  // A pupil, as an ENT's SAML IdP releases him to PRONOTE (the attributes ODE's CAS releases).
  "saml.eleve": {
    password: "Saml-Eleve-2026!",
    attributes: { uid: "saml.eleve", nom: "DURAND", prenom: "Inès", dateNaissance: "23/05/2012", categories: "National_1" },
  },
  "saml.autre": {
    password: "Saml-Autre-2026!",
    attributes: { uid: "saml.autre", sn: "AUTRE", givenName: "Anne", categories: "National_4" },
  },
};
