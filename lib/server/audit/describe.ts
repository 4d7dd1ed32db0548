const LABELS: Record<string, string> = {
  "account.provision": "Ouverture du compte d'hébergement",
  "account.password-reset": "Réinitialisation du mot de passe de la console",
  "account.resend-credentials": "Envoi des identifiants d'hébergement",
  "signin.success": "Connexion à la console",
  "signin.failure": "Échec de connexion",
  "signout": "Déconnexion",
  "certificate.install": "Installation d'un certificat",
  "certificate.refused": "Certificat refusé",
  "certificate.revoke": "Révocation d'un certificat",
  "licence.accept": "Acceptation du Contrat de licence",
  "controller.domain": "Nom de domaine du contrôleur",
  "planning.domain": "Nom de domaine d'un planning",
  "planning.rename": "Nom d'un planning",
  "planning.net-licence": "Licence .net d'un planning",
  "planning.time-zone": "Fuseau horaire d'un planning",
};

export function describeAuditAction(action: string): string {
  return LABELS[action] ?? action;
}
