import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/server/errors";

/**
 * Between the password and the session, a user may have to personalize his password, choose a
 * security measure, type his PIN and name the device. Each step carries this ticket: signed,
 * short-lived, and bound to the password version, so a ticket dies with the password it proved.
 */
export type TicketStage = "password" | "verified" | "done";
/** `via`: the directory that proved the user instead of a password (a CAS server, a SAML IdP). */
export type Ticket = {
  userId: string;
  accountId: string;
  version: number;
  stage: TicketStage;
  exp: number;
  via?: "CAS" | "SAML";
  /** The second factor was proven (lib/server/sign-in/second-factor). */
  factor?: true;
  /** What the step's page names: the ENT identity a first ENT sign-in links to. */
  label?: string;
};

const LIFETIME_MS = 10 * 60 * 1000;

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set");
  return value;
}

function sign(purpose: string, payload: string): string {
  return createHmac("sha256", secret()).update(`${purpose}:${payload}`).digest("base64url");
}

/** A short-lived signed payload; `purpose` keeps one way in's ticket from standing for another's. */
export function issueSigned<T extends object>(purpose: string, content: T): string {
  const payload = Buffer.from(JSON.stringify({ ...content, exp: Date.now() + LIFETIME_MS })).toString("base64url");
  return `${payload}.${sign(purpose, payload)}`;
}

export function readSigned<T>(purpose: string, token: string): T & { exp: number } {
  const [payload, signature] = token.split(".");
  const expected = payload ? sign(purpose, payload) : "";
  if (!payload || !signature || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    throw expired();
  }
  const content = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as T & { exp: number };
  if (content.exp < Date.now()) throw expired();
  return content;
}

export function issueTicket(ticket: Omit<Ticket, "exp">): string {
  return issueSigned("ticket", ticket);
}

export function readTicket(token: string): Ticket {
  return readSigned<Ticket>("ticket", token);
}

function expired() {
  return new AppError("TICKET", "La connexion a expiré : saisissez à nouveau votre identifiant et votre mot de passe.");
}
