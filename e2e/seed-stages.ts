/**
 * Where a per-Fiche test starts: each stage is the account as the Fiches before it leave it, and
 * includes the stages before it. "licence": Fiches 1–2 (certificate installed, licence accepted);
 * "domains": Fiche 3; "superadmin": Fiche 4; "controller": Fiche 5; "espaces": Fiche 9's public
 * address; "sender": Fiche 10's e-mail account; "pupils": 30 pupils imported (Fiche 11).
 */
export const SEED_STAGES = ["licence", "domains", "superadmin", "controller", "espaces", "sender", "pupils"] as const;
export type SeedStage = (typeof SEED_STAGES)[number];

export type SeededAccount = {
  n: number;
  email: string;
  accountId: string;
  hostingNumber: string;
  password: string;
  /** The certificate cookie Fiche 2 leaves in the browser. */
  certificate: { name: string; token: string };
  /** The domain labels of the controller and of each planning (Fiche 3), whether associated yet or not. */
  labels: { controller: string; plannings: string[] };
  plannings: string[];
};
