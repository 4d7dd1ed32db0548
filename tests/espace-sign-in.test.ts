import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { issueLetterToken, MAX_LETTER_TOKEN_FAILURES } from "@/lib/server/letters/letter-tokens";
import { importPeople } from "@/lib/server/people/import-people";
import { personalizeEspacePassword, startEspaceLetterSignIn, startEspaceSignIn } from "@/lib/server/sign-in/espace/espace-sign-in";
import { loadLetterRecipients } from "@/lib/server/letters/letter-recipients";
import { mobileUrl } from "@/lib/server/letters/qr-payload";
import { readyAccount } from "./support/fixtures";

let ipCounter = 0;
const client = () => ({ ip: `10.8.${++ipCounter >> 8}.${ipCounter & 255}` });

async function student(login = "lisa.boulanger") {
  const account = await readyAccount();
  const ctx = { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" };
  const planningId = (await db.planning.findFirstOrThrow({ where: { accountId: account.accountId } })).id;
  // Its Espaces open: the planning in service and published.
  await db.planning.update({ where: { id: planningId }, data: { status: "RUNNING", publication: "PUBLISHED" } });
  await importPeople(ctx, { population: "ELEVES", planningId, bytes: Buffer.from(`Nom;Prénom;Identifiant\nBoulanger;Lisa;${login}`) });
  const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId } });
  const [recipient] = await loadLetterRecipients(account.accountId, "ELEVES", [`person:${person.id}`]);
  const url = mobileUrl(recipient.espaceAddress, "eleve");
  const issue = (at?: Date) =>
    db.$transaction((tx) => issueLetterToken(tx, { kind: "person", id: person.id, accountId: account.accountId }, at));
  return { account, person, recipient, url, issue };
}

describe("The Espaces' first connection by letter (F16/F17)", () => {
  it("accepts login + token once, leads to the personalization, then refuses the same token and the provisional password", async () => {
    const { url, issue, recipient } = await student();
    const letter = await issue();
    const step = await startEspaceLetterSignIn({ url, loginId: "LISA.BOULANGER", token: letter.token.toLowerCase() }, client());
    expect(step).toMatchObject({ next: "personalize", espaceName: "Espace Élèves", displayName: "Boulanger Lisa" });
    await expect(
      personalizeEspacePassword({ ticket: step.ticket, password: "Court1!", confirmation: "Court1!" }, client()),
    ).rejects.toThrow();
    await expect(
      personalizeEspacePassword(
        { ticket: step.ticket, password: recipient.provisionalPassword!, confirmation: recipient.provisionalPassword! },
        client(),
      ),
    ).rejects.toThrow();
    await personalizeEspacePassword({ ticket: step.ticket, password: "Vacances-2026!", confirmation: "Vacances-2026!" }, client());
    await expect(startEspaceLetterSignIn({ url, loginId: "lisa.boulanger", token: letter.token }, client())).rejects.toThrow("QR code");
    await expect(startEspaceSignIn({ url, loginId: "lisa.boulanger", password: recipient.provisionalPassword! }, client())).rejects.toThrow(
      "Identifiant ou mot de passe incorrect.",
    );
    expect(await startEspaceSignIn({ url, loginId: "lisa.boulanger", password: "Vacances-2026!" }, client())).toMatchObject({
      next: "done",
    });
    // The ticket was for one personalization only.
    await expect(
      personalizeEspacePassword({ ticket: step.ticket, password: "Autre-2026!x", confirmation: "Autre-2026!x" }, client()),
    ).rejects.toThrow("déjà personnalisé");
  });

  it("also personalizes after the provisional password of the letter", async () => {
    const { url, recipient } = await student();
    const step = await startEspaceSignIn({ url, loginId: "lisa.boulanger", password: recipient.provisionalPassword! }, client());
    expect(step.next).toBe("personalize");
  });

  it("refuses an expired token, a superseded one, and all of them after ten wrong uses", async () => {
    const { url, issue, person } = await student();
    const old = await issue(new Date(Date.now() - 32 * 86_400_000));
    await expect(startEspaceLetterSignIn({ url, loginId: "lisa.boulanger", token: old.token }, client())).rejects.toThrow("QR code");
    const first = await issue();
    const second = await issue();
    await expect(startEspaceLetterSignIn({ url, loginId: "lisa.boulanger", token: first.token }, client())).rejects.toThrow("QR code");
    for (let i = 0; i < MAX_LETTER_TOKEN_FAILURES; i++) {
      // Someone patient waits out the growing delays between tries: the count still ends it.
      await db.signInThrottle.deleteMany({ where: { key: { startsWith: "espace:" } } });
      await expect(startEspaceLetterSignIn({ url, loginId: "lisa.boulanger", token: "AB".repeat(48) }, client())).rejects.toThrow(
        "QR code",
      );
    }
    await db.signInThrottle.deleteMany({ where: { key: { startsWith: "espace:" } } });
    await expect(startEspaceLetterSignIn({ url, loginId: "lisa.boulanger", token: second.token }, client())).rejects.toThrow();
    expect(await db.letterToken.count({ where: { personId: person.id, revokedAt: null, usedAt: null } })).toBe(0);
  });

  it("answers only at the Espace the person belongs to, and never with another account's person", async () => {
    const a = await student("meme.login");
    const b = await student("meme.login");
    const letterOfA = await a.issue();
    await expect(startEspaceLetterSignIn({ url: b.url, loginId: "meme.login", token: letterOfA.token }, client())).rejects.toThrow(
      "QR code",
    );
    await expect(
      startEspaceLetterSignIn(
        { url: a.url.replace("mobile.eleve", "mobile.parent"), loginId: "meme.login", token: letterOfA.token },
        client(),
      ),
    ).rejects.toThrow("QR code");
    await expect(
      startEspaceLetterSignIn(
        { url: "https://ailleurs.example/mobile.eleve.html", loginId: "meme.login", token: letterOfA.token },
        client(),
      ),
    ).rejects.toThrow("n'est pas celle d'un Espace");
    expect(await startEspaceLetterSignIn({ url: a.url, loginId: "meme.login", token: letterOfA.token }, client())).toMatchObject({
      next: "personalize",
    });
  });
});
