import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { espacesAddress } from "@/lib/products";
import { userSignInUrl } from "@/lib/server/app-url";
import { decryptProvisional } from "@/lib/server/security/provisional";
import { inSlices } from "@/lib/server/id-slices";
import type { MobileEspace } from "./qr-payload";
import type { LetterHolder } from "./letter-tokens";
import { parseRecipientKey } from "./choose-recipients";
import { espaceNameOf, MOBILE_ESPACE } from "./recipients";
import { enabledEnt, entOnly } from "@/lib/server/planning/ent-settings";

/** What a letter needs of one recipient, with the provisional password in clear (null once personalized). */
export type LetterRecipient = {
  key: string;
  holder: LetterHolder;
  loginId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  provisionalPassword: string | null;
  espaceName: string;
  espaceAddress: string;
  mobileEspace: MobileEspace | null;
  /** The class of a pupil (the recipient's block of the letter names it); "" for others. */
  group: string;
  /** The postal address, a line each, printed where a window envelope shows it; "" when unknown. */
  postalAddress: string;
  householdKey: string;
  /** Signs in through his Espace's ENT only: his letter carries no password, no QR code. */
  throughEnt: boolean;
};

/**
 * The recipients of `keys` that belong to the account and the population, in the order asked.
 * Keys of another account or population are simply not found: a letter never names them.
 */
export async function loadLetterRecipients(accountId: string, population: Population, keys: string[]): Promise<LetterRecipient[]> {
  const parsed = keys.map(parseRecipientKey).filter((k) => k !== null);
  const userIds = population === "PERSONNELS" ? parsed.filter((k) => k.kind === "user").map((k) => k.id) : [];
  const personIds = parsed.filter((k) => k.kind === "person").map((k) => k.id);
  const [account, users, people] = await Promise.all([
    db.hostingAccount.findUniqueOrThrow({
      where: { id: accountId },
      select: { product: true, rne: true, controller: { select: { port: true, domain: { select: { fqdn: true } } } } },
    }),
    inSlices(userIds, (ids) =>
      db.controllerUser.findMany({ where: { accountId, id: { in: ids } }, omit: { provisionalPasswordEnc: false } }),
    ),
    inSlices(personIds, (ids) =>
      db.espacePerson.findMany({
        where: { accountId, population, leftAt: null, id: { in: ids } },
        omit: { provisionalPasswordEnc: false },
        include: { planning: { include: { domain: true } } },
      }),
    ),
  ]);
  const controllerAddress = userSignInUrl(account.controller?.domain?.fqdn, account.controller?.port);
  const byKey = new Map<string, LetterRecipient>();
  for (const u of users) {
    byKey.set(`user:${u.id}`, {
      key: `user:${u.id}`,
      holder: { kind: "user", id: u.id, accountId },
      loginId: u.loginId,
      lastName: u.lastName,
      firstName: u.firstName,
      civility: u.civility,
      email: u.email,
      provisionalPassword: u.provisionalPasswordEnc ? decryptProvisional(u.provisionalPasswordEnc) : null,
      espaceName: "Console d'hébergement",
      espaceAddress: controllerAddress,
      mobileEspace: null,
      group: "",
      postalAddress: "",
      householdKey: "",
      throughEnt: false,
    });
  }
  for (const p of people) {
    const address = p.planning?.publicUrl ?? espacesAddress(account.product, p.planning?.domain?.fqdn ?? null, account.rne) ?? "";
    byKey.set(`person:${p.id}`, {
      key: `person:${p.id}`,
      holder: { kind: "person", id: p.id, accountId },
      loginId: p.loginId,
      lastName: p.lastName,
      firstName: p.firstName,
      civility: p.civility,
      email: p.email,
      provisionalPassword: p.provisionalPasswordEnc ? decryptProvisional(p.provisionalPasswordEnc) : null,
      espaceName: espaceNameOf(account.product, population),
      espaceAddress: address,
      mobileEspace: address ? MOBILE_ESPACE[population] : null,
      group: population === "PROFESSEURS" ? "" : p.groupName,
      postalAddress: p.postalAddress,
      householdKey: p.householdKey,
      throughEnt: entOnly(enabledEnt(p.planning?.entSettings ?? ""), p),
    });
  }
  return keys.map((key) => byKey.get(key)).filter((r) => r !== undefined);
}
