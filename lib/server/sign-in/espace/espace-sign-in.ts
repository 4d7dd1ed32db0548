import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { espacesAddress } from "@/lib/products";
import { firstBrokenRule } from "@/lib/password-rules";
import { accountCounter, addressCounter, notJudged, reserveTry } from "@/lib/server/sign-in/throttle";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { inLane, hashSecret, verifyAgainstNothing, verifySecret } from "@/lib/server/security/secrets";
import { matchesProvisional } from "@/lib/server/security/provisional";
import { consumeLetterToken, INVALID_LETTER_TOKEN, revokeLetterTokens } from "@/lib/server/letters/letter-tokens";
import { espaceNameOf } from "@/lib/server/letters/recipients";
import type { Population } from "@/lib/letters/original-models";
import { issueTicket, readTicket } from "@/lib/server/sign-in/ticket";
import { INVALID_USER_CREDENTIALS } from "@/lib/server/sign-in/controller/first-step";
import { enabledEnt, entOnly } from "@/lib/server/planning/ent-settings";

type Client = { ip: string };

/**
 * F16/F17 for the people of the Espaces: the first sign-in, with the provisional password or with
 * a letter's QR code (login id and the token the mobile app decrypted with the printed security
 * code), leads to the personalization of the password; then provisional password and tokens die.
 * The Espace is named as the app names it: by the address its QR code carries.
 */
export type EspaceStep = {
  /** "link": back from the ENT, the identity is his once he gives his login and password (lib/server/people/ent-sign-in.ts). */
  next: "personalize" | "done" | "link";
  ticket: string;
  displayName: string;
  espaceName: string;
  passwordMinLength: number;
  /** "link": the ENT identity he is about to link his person to, as the page names it. */
  entIdentity?: string;
};

const NOT_AN_ESPACE = "Cette adresse n'est pas celle d'un Espace publié par cet hébergement.";
const ESPACE_CLOSED =
  "Cet Espace n'est pas ouvert pour le moment (planning arrêté ou non publié) : réessayez plus tard, ou prévenez votre établissement.";
const ESPACE_OF: Record<string, Population> = { eleve: "ELEVES", parent: "RESPONSABLES", professeur: "PROFESSEURS" };

/** The planning whose Espaces answer at `address` (its public URL, its domain, or the RNE's address). */
export async function espaceAt(address: string) {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new AppError("ESPACE", NOT_AN_ESPACE, "url");
  }
  const mobile = /\/mobile\.([a-z]+)\.html$/.exec(url.pathname);
  const population = mobile ? ESPACE_OF[mobile[1]] : undefined;
  if (mobile && !population) throw new AppError("ESPACE", NOT_AN_ESPACE, "url");
  const root = `${url.origin}${url.pathname.replace(/mobile\.[a-z]+\.html$/, "")}`.replace(/\/?$/, "/");
  // A host that is an account's domain answers for that account only, whatever public address
  // another account typed: its people are never resolved elsewhere.
  const owner = await db.domain.findUnique({ where: { fqdn: url.hostname }, select: { accountId: true } });
  const plannings = await db.planning.findMany({
    where: {
      netLicence: true,
      ...(owner ? { accountId: owner.accountId } : {}),
      OR: [
        { publicUrl: { startsWith: url.origin } },
        { domain: { fqdn: url.hostname } },
        { account: { product: "PRONOTE", rne: url.hostname.split(".")[0].toUpperCase() } },
      ],
    },
    include: { domain: true, account: { select: { product: true, rne: true, controller: { select: { passwordMinLength: true } } } } },
    take: 50,
  });
  const matching = plannings.filter((p) => {
    const own = p.publicUrl ?? espacesAddress(p.account.product, p.domain?.fqdn ?? null, p.account.rne);
    return own !== null && own.replace(/\/?$/, "/") === root;
  });
  // Two accounts claiming one address (written before addresses were checked): neither answers.
  if (new Set(matching.map((p) => p.accountId)).size !== 1) throw new AppError("ESPACE", NOT_AN_ESPACE, "url");
  const planning = matching[0];
  if (planning.status !== "RUNNING" || planning.publication !== "PUBLISHED") {
    throw new AppError("ESPACE_CLOSED", ESPACE_CLOSED, "url");
  }
  return { planning, population, passwordMinLength: planning.account.controller?.passwordMinLength ?? 8 };
}

export type Espace = Awaited<ReturnType<typeof espaceAt>>;

async function findPerson(espace: Espace, loginId: string) {
  const person = await db.espacePerson.findUnique({
    where: { accountId_loginKey: { accountId: espace.planning.accountId, loginKey: loginId.trim().toLowerCase() } },
    omit: { passwordHash: false, provisionalPasswordEnc: false },
  });
  const inEspace =
    person && !person.leftAt && person.planningId === espace.planning.id && (!espace.population || person.population === espace.population);
  return inEspace ? person : null;
}

type Person = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

export function step(person: Person, espace: Espace): EspaceStep {
  const personal = person.passwordHash !== null;
  return {
    next: personal ? "done" : "personalize",
    // The ticket names a person, never a controller user: the controller's steps cannot read it.
    ticket: issueTicket({ userId: `person:${person.id}`, accountId: person.accountId, version: 0, stage: personal ? "done" : "password" }),
    displayName: `${person.lastName} ${person.firstName}`,
    espaceName: espaceNameOf(espace.planning.account.product, person.population as Population),
    passwordMinLength: espace.passwordMinLength,
  };
}

export async function firstStep(
  typed: { url: string; loginId: string },
  client: Client,
  kind: "password" | "letter",
  verify: (person: Person | null, espace: Espace) => Promise<void>,
): Promise<{ step: EspaceStep; person: Person; espace: Espace }> {
  const espace = await espaceAt(typed.url);
  const loginKey = typed.loginId.trim().toLowerCase();
  return inLane("anonymous", async () => {
    const reservation = await reserveTry([accountCounter(`espace:${espace.planning.accountId}:${loginKey}`), addressCounter(client.ip)]);
    const person = await findPerson(espace, typed.loginId);
    try {
      await verify(person, espace);
    } catch (error) {
      if (notJudged(error)) {
        await reservation.cancelled();
        throw error;
      }
      await recordAuditEvent({
        accountId: espace.planning.accountId,
        actor: loginKey,
        action: `espace.signin.${kind}.failure`,
        ip: client.ip,
      });
      throw error;
    }
    await reservation.succeeded();
    await recordAuditEvent({ accountId: espace.planning.accountId, actor: loginKey, action: `espace.signin.${kind}`, ip: client.ip });
    return { step: step(person!, espace), person: person!, espace };
  });
}

/** "Connexion à l'Espace" with the login id and the password (provisional or personal). */
export async function startEspaceSignIn(input: { url: string; loginId: string; password: string }, client: Client) {
  const signedIn = await firstStep(input, client, "password", async (person, espace) => {
    await checkPassword(person, input.password);
    // Told only to whom gives the right password: the ENT is his way in, unless the identity
    // is his at his first sign-in through it ("À la première connexion…").
    const ent = enabledEnt(espace.planning.entSettings);
    if (person && entOnly(ent, person)) {
      throw new AppError("ENT_DIRECT", THROUGH_ENT);
    }
  });
  return signedIn.step;
}

export const THROUGH_ENT =
  "Votre établissement vous connecte par l'ENT : cliquez sur « Se connecter avec l'ENT » et utilisez les identifiants de l'ENT.";

/** The login's password, personal or provisional; as long as a personal one's check either way. */
export async function checkPassword(person: Person | null, password: string) {
  let ok = false;
  if (person?.passwordHash) ok = await verifySecret(person.passwordHash, password, "anonymous");
  else {
    // As long as a personal password's check: timing tells neither the login nor its state.
    await verifyAgainstNothing(password);
    if (person?.provisionalPasswordEnc) ok = matchesProvisional(person.provisionalPasswordEnc, password);
  }
  if (!ok) throw new AppError("INVALID", INVALID_USER_CREDENTIALS);
}

/** What the mobile app sends after reading a letter's QR code: the login id and the decrypted token. */
export async function startEspaceLetterSignIn(input: { url: string; loginId: string; token: string }, client: Client) {
  const signedIn = await firstStep(input, client, "letter", async (person) => {
    if (!person) throw new AppError("INVALID_TOKEN", INVALID_LETTER_TOKEN);
    await consumeLetterToken(
      { kind: "person", id: person.id, accountId: person.accountId, provisional: person.passwordHash === null },
      input.token.trim().toUpperCase(),
    );
  });
  return signedIn.step;
}

/** F17 for a person: the personal password replaces the provisional one; it and every QR token die. */
export async function personalizeEspacePassword(input: { ticket: string; password: string; confirmation: string }, client: Client) {
  const ticket = readTicket(input.ticket);
  const id = /^person:(.+)$/.exec(ticket.userId)?.[1];
  const person = id
    ? await db.espacePerson.findFirst({
        where: { id, accountId: ticket.accountId, leftAt: null },
        omit: { passwordHash: false, provisionalPasswordEnc: false },
        include: { account: { select: { product: true, controller: { select: { passwordMinLength: true } } } } },
      })
    : null;
  if (!person || ticket.stage !== "password") {
    throw new AppError("TICKET", "La connexion a expiré : saisissez à nouveau votre identifiant et votre mot de passe.");
  }
  if (person.passwordHash) throw new AppError("ALREADY", "Votre mot de passe est déjà personnalisé.");
  const broken = firstBrokenRule(input.password, person.account.controller?.passwordMinLength ?? 8);
  if (broken) throw new AppError("WEAK_PASSWORD", broken, "password");
  if (input.password !== input.confirmation) {
    throw new AppError("CONFIRMATION", "La confirmation ne correspond pas au mot de passe.", "confirmation");
  }
  if (person.provisionalPasswordEnc && matchesProvisional(person.provisionalPasswordEnc, input.password)) {
    throw new AppError("SAME", "Choisissez un mot de passe différent du mot de passe provisoire.", "password");
  }
  const passwordHash = await hashSecret(input.password);
  await db.$transaction(async (tx) => {
    // Conditional: a second personalization racing this one changes nothing.
    const done = await tx.espacePerson.updateMany({
      where: { id: person.id, passwordHash: null },
      data: { passwordHash, provisionalPasswordEnc: null, letterTokenFailures: 0 },
    });
    if (done.count === 0) throw new AppError("ALREADY", "Votre mot de passe est déjà personnalisé.");
    await revokeLetterTokens(tx, { kind: "person", id: person.id });
    await recordAuditEvent({ accountId: person.accountId, actor: person.loginId, action: "espace.personalize", ip: client.ip }, tx);
  });
  return {
    next: "done" as const,
    ticket: "",
    displayName: `${person.lastName} ${person.firstName}`,
    espaceName: espaceNameOf(person.account.product, person.population as Population),
    passwordMinLength: person.account.controller?.passwordMinLength ?? 8,
  };
}
