// The test directory's entries (scripts/slapd.mjs loads them): fictitious staff of a school, a
// service account for search-then-bind, and two entries sharing one employeeNumber (an ambiguous
// identifier). `hash` turns a password into slapd's {SSHA} form.
export const LDAP_SUFFIX = "dc=ecole,dc=test";
export const LDAP_ADMIN = `cn=admin,${LDAP_SUFFIX}`;
export const LDAP_ADMIN_PASSWORD = "admin-du-test";
export const LDAP_SERVICE = { dn: `cn=console,ou=services,${LDAP_SUFFIX}`, password: "Service-2026!" };
export const LDAP_PEOPLE = [
  { uid: "pmartin", cn: "Pierre Martin", sn: "Martin", password: "Annuaire-2026!", employeeNumber: "E1" },
  { uid: "jdurand", cn: "Julie Durand", sn: "Durand", password: "Durand-Annuaire-1", employeeNumber: "E2" },
  { uid: "homonyme1", cn: "Jean Homonyme", sn: "Homonyme", password: "Homonyme-1!", employeeNumber: "E9" },
  { uid: "homonyme2", cn: "Jeanne Homonyme", sn: "Homonyme", password: "Homonyme-2!", employeeNumber: "E9" },
];

export function ldapEntries(hash) {
  const entries = [
    `dn: ${LDAP_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: ecole\no: Ecole de test`,
    `dn: ou=people,${LDAP_SUFFIX}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=services,${LDAP_SUFFIX}\nobjectClass: organizationalUnit\nou: services`,
    `dn: ${LDAP_SERVICE.dn}\nobjectClass: person\ncn: console\nsn: console\nuserPassword: ${hash(LDAP_SERVICE.password)}`,
    ...LDAP_PEOPLE.map(
      (p) =>
        `dn: uid=${p.uid},ou=people,${LDAP_SUFFIX}\nobjectClass: inetOrgPerson\nuid: ${p.uid}\ncn: ${p.cn}\nsn: ${p.sn}\nemployeeNumber: ${p.employeeNumber}\nuserPassword: ${hash(p.password)}`,
    ),
  ];
  return `${entries.join("\n\n")}\n`;
}
