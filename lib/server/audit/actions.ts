/**
 * X2 "Journal": every action the journal records, closed, each with the French label the journal
 * and its CSV show. `recordAuditEvent` takes only these keys, so a new action without a label does
 * not compile; tests/audit-actions.test.ts checks every action written in the code is here.
 */
export const AUDIT_ACTIONS = {
  "account.provision": "Ouverture du compte d'hébergement",
  "account.password-reset": "Réinitialisation du mot de passe de la console",
  "account.resend-credentials": "Envoi des identifiants d'hébergement",
  "signin.success": "Connexion à la console",
  "signin.failure": "Échec de connexion",
  signout: "Déconnexion",
  "certificate.install": "Installation d'un certificat",
  "certificate.refused": "Certificat refusé",
  "certificate.revoke": "Révocation d'un certificat",
  "licence.accept": "Acceptation du Contrat de licence",
  "controller.domain": "Nom de domaine du contrôleur",
  "planning.domain": "Nom de domaine d'un planning",
  "planning.rename": "Nom d'un planning",
  "planning.net-licence": "Licence .net d'un planning",
  "planning.time-zone": "Fuseau horaire d'un planning",
  "user.first-superadmin": "Création du premier superadministrateur",
  "user.create": "Création d'utilisateur",
  "user.update": "Modification d'un utilisateur",
  "user.personalize": "Personnalisation du mot de passe",
  "user.security-measure": "Mesure de sécurité du compte",
  "user.signin.success": "Connexion d'un utilisateur",
  "user.signin.failure": "Échec de connexion d'un utilisateur",
  "user.signin.letter.failure": "QR code de courrier refusé",
  "user.signout": "Déconnexion d'un utilisateur",
  "user.pin.failure": "Code PIN erroné",
  "user.pin.locked": "Connexion par code PIN bloquée",
  "user.pin.unlock": "Connexion par code PIN débloquée",
  "user.device.add": "Appareil reconnu ajouté",
  "user.device.revoke": "Appareil reconnu retiré",
  "profile.assign": "Affectation dans un profil",
  "profile.unassign": "Retrait d'un profil",
  "profile.model.save": "Enregistrement d'un modèle d'affectation",
  "profile.model.apply": "Application d'un modèle d'affectation",
  "profile.copy": "Récupération des utilisateurs d'un planning",
  "controller.start": "Activation du contrôleur",
  "controller.stop": "Désactivation du contrôleur",
  "controller.security": "Réglages de sécurité",
  "controller.delegated-auth": "Délégation de l'authentification",
  "base.create": "Création d'une base",
  "base.load": "Chargement d'une base",
  "base.transfer": "Transfert d'une base",
  "base.load.refused": "Base refusée au chargement",
  "planning.start": "Mise en service d'un planning",
  "planning.stop": "Arrêt d'un planning",
  "planning.publish": "Publication d'un planning",
  "planning.unpublish": "Arrêt de la publication d'un planning",
  "planning.publication-name": "Nom de publication d'un planning",
  "planning.public-url": "URL publique d'accès au .net",
  "planning.ent": "Intégration dans un ENT",
  "client.param-client": "Téléchargement des paramètres de connexion du Client",
  "account.pre-version": "Demande de passage à la préversion",
  "sending-account.start": "Compte d'envoi d'e-mails : code envoyé",
  "sending-account.verify": "Compte d'envoi d'e-mails : adresse vérifiée",
  "sending-account.ready": "Compte d'envoi d'e-mails : compte sécurisé",
  "letter-model.save": "Modification d'un modèle de courrier",
  "people.import": "Import de destinataires (CSV)",
  "people.siecle-import": "Import des élèves et des responsables (SIECLE)",
  "people.sts-import": "Import des professeurs (STSWEB)",
  "letter-model.duplicate": "Duplication d'un modèle de courrier",
  "letter-model.restore": "Restauration d'un modèle de courrier",
  "sending-account.resend": "Compte d'envoi d'e-mails : code envoyé à nouveau",
  "sending-account.senders": "Compte d'envoi d'e-mails : personnels autorisés",
  "letters.batch": "Envoi de courriers",
  "letters.new-provisional": "Nouveaux mots de passe provisoires",
  "espace.signin.password": "Connexion à l'Espace (mot de passe)",
  "espace.signin.password.failure": "Échec de connexion à l'Espace (mot de passe)",
  "espace.signin.letter": "Connexion à l'Espace (QR code de courrier)",
  "espace.signin.letter.failure": "QR code de courrier refusé par l'Espace",
  "espace.personalize": "Personnalisation du mot de passe de l'Espace",
  "espace.signin.ent": "Connexion à l'Espace par l'ENT",
  "espace.signin.ent.failure": "Échec de connexion à l'Espace par l'ENT",
  "espace.ent.ambiguous": "Identité ENT de plusieurs personnes (connexion refusée)",
  "espace.ent.link": "Identité ENT associée à une personne",
  "people.direct-sign-in": "Connexion directe (hors ENT) d'une personne",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/** A stored line's label; a line written by an action since removed reads as such, never as a code. */
export function describeAuditAction(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : "Action retirée de la console";
}
