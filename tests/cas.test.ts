import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveDelegatedAuth } from "@/lib/server/controller/delegated-auth";
import { readServiceResponse } from "@/lib/server/directory/cas";
import { casSignInUrl, finishCasSignIn, resumeDirectorySignIn } from "@/lib/server/sign-in/directory/cas-sign-in";
import { createUser } from "@/lib/server/user/create-user";
import { updateUser } from "@/lib/server/user/update-user";
import { findController } from "@/lib/server/sign-in/controller/first-step";
import { chooseSecurityMeasure, completeUserSignIn } from "@/lib/server/sign-in/controller/steps";
import { GET as casReturn } from "@/app/api/connexion/cas/retour/route";
import { GET as casStart } from "@/app/api/connexion/cas/route";
import { CAS_DIR, CAS_URL, startCasServer } from "../scripts/cas-server.mjs";
import { casTicket } from "./support/cas-login";
import { CAS_USERS } from "./support/cas-users.mjs";
import { directoryAccount } from "./support/directory-account";
import { uniqueLabel } from "./support/fixtures";
import { purgeExpired } from "@/lib/server/maintenance/purge";

/** The tag of the state of the browser that started the sign-in (lib/server/directory/sign-in-state.ts): one browser here. */
const TAG = "etat-du-navigateur";

/** The sign-in state cookie a start set, as the browser sends it back. */
const stateCookieOf = (start: Response) => (start.headers.get("set-cookie") ?? "").split(";")[0];

// A real CAS server: Debian's django-cas-server on loopback over TLS (scripts/cas-server.mjs).
beforeAll(() => startCasServer(), 60_000);

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });
const client = (n: number) => ({ ip: `10.8.0.${n}`, userAgent: "Firefox", cookie: () => undefined });
const agent = { login: "cas.agent", password: CAS_USERS["cas.agent"].password };

async function casAccount(settings: Record<string, string | boolean> = {}) {
  const { account, fqdn, users } = await directoryAccount([
    { loginId: "claire", lastName: "Agent", firstName: "Claire", ids: { casId: agent.login } },
  ]);
  const cas = {
    enabled: true,
    serverUrl: CAS_URL,
    version: "3.0",
    caCertificate: readFileSync(`${CAS_DIR}/ca.pem`, "utf8"),
    userAttribute: "",
  };
  await saveDelegatedAuth(ctx(account.accountId), "cas", { ...cas, ...settings });
  return { account, fqdn, user: users[0] };
}

/** The service the console names at the CAS server, read from where it sends the browser. */
const serviceOf = (loginUrl: string) => new URL(loginUrl).searchParams.get("service")!;

describe("CAS answers, read by an XML parser", () => {
  it("takes the user and attributes of a success only", () => {
    const ok = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>jean</cas:user>
      <cas:attributes><cas:categories>National_1</cas:categories><cas:categories>National_2</cas:categories></cas:attributes>
      </cas:authenticationSuccess></cas:serviceResponse>`;
    expect(readServiceResponse(ok)).toEqual({ user: "jean", attributes: { categories: ["National_1", "National_2"] } });
    expect(readServiceResponse(ok.replace("www.yale.edu/tp/cas", "evil.example/cas"))).toBeNull();
    expect(readServiceResponse(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${ok}`)).toBeNull();
    const failure = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">no</cas:authenticationFailure></cas:serviceResponse>`;
    expect(readServiceResponse(failure)).toBeNull();
    // A success with a failure smuggled in, or two users: nothing is guessed.
    expect(readServiceResponse(ok.replace("</cas:serviceResponse>", failure.slice(60)))).toBeNull();
    expect(readServiceResponse(ok.replace("<cas:user>jean</cas:user>", "<cas:user>jean</cas:user><cas:user>admin</cas:user>"))).toBeNull();
    expect(readServiceResponse("not xml <")).toBeNull();
  });
});

describe("CAS sign-in of the controller's users", () => {
  it("signs a user with an Identifiant CAS in through the real server; the console's steps follow; the journal says how", async () => {
    const { account, fqdn } = await casAccount();
    expect((await findController({ domain: fqdn, port: 21200 })).cas).toBe(true);
    const loginUrl = await casSignInUrl(fqdn, TAG);
    expect(loginUrl.startsWith(`${CAS_URL}/login?service=`)).toBe(true);
    const ticket = await casTicket(agent.login, agent.password, serviceOf(loginUrl));
    const { proof, domain } = await finishCasSignIn(fqdn, ticket, client(1), TAG);
    expect(domain).toBe(fqdn);
    const resumed = await resumeDirectorySignIn(proof, client(1));
    // His password is the CAS server's: nothing to personalize, the security measure comes next.
    expect(resumed.step.next).toBe("security");
    expect(resumed.controller).toEqual({ domain: fqdn, port: 21200 });
    const done = await chooseSecurityMeasure({ ticket: resumed.step.ticket, measure: "NONE" }, client(1));
    await completeUserSignIn(done.ticket, "10.8.0.1");
    const journal = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "user.signin.success" } });
    expect(journal.detail).toBe("serveur CAS");
  });

  it("takes the Identifiant CAS from a configured attribute", async () => {
    const { account, fqdn, user } = await casAccount({ userAttribute: "nom" });
    await updateUser(ctx(account.accountId), user.id, { casId: "AGENT" });
    const ticket = await casTicket(agent.login, agent.password, serviceOf(await casSignInUrl(fqdn, TAG)));
    await expect(finishCasSignIn(fqdn, ticket, client(2), TAG)).resolves.toMatchObject({ domain: fqdn });
  });

  it("refuses a replayed ticket, even 50 at once: one sign-in only", async () => {
    const { fqdn } = await casAccount();
    const ticket = await casTicket(agent.login, agent.password, serviceOf(await casSignInUrl(fqdn, TAG)));
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => finishCasSignIn(fqdn, ticket, client(10 + i), TAG)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected")) {
      expect(String((o as PromiseRejectedResult).reason)).toContain("n'a pas confirmé votre connexion");
    }
  });

  it("refuses a ticket issued for another service (another controller of the console)", async () => {
    const { fqdn } = await casAccount();
    const other = await casAccount();
    const ticket = await casTicket(agent.login, agent.password, serviceOf(await casSignInUrl(other.fqdn, TAG)));
    await expect(finishCasSignIn(fqdn, ticket, client(3), TAG)).rejects.toThrow("n'a pas confirmé votre connexion");
    await expect(finishCasSignIn(fqdn, "ST-forged-ticket", client(3), TAG)).rejects.toThrow("n'a pas confirmé votre connexion");
    await expect(finishCasSignIn(fqdn, "pas-un-ticket", client(3), TAG)).rejects.toThrow("n'a pas confirmé votre connexion");
  });

  it("refuses, and journals, an identity no user has; two users sharing one are refused too", async () => {
    const { account, fqdn } = await casAccount();
    const lea = CAS_USERS["ent.lea"];
    let ticket = await casTicket("ent.lea", lea.password, serviceOf(await casSignInUrl(fqdn, TAG)));
    await expect(finishCasSignIn(fqdn, ticket, client(4), TAG)).rejects.toThrow("aucun utilisateur du contrôleur n'a cet Identifiant CAS");
    const failure = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "user.signin.failure" } });
    expect(failure.detail).toContain("identifiant inconnu");
    const twin = await createUser(ctx(account.accountId), { loginId: "claire2", lastName: "Agent", firstName: "Claire" });
    await updateUser(ctx(account.accountId), twin.id, { casId: agent.login });
    ticket = await casTicket(agent.login, agent.password, serviceOf(await casSignInUrl(fqdn, TAG)));
    await expect(finishCasSignIn(fqdn, ticket, client(4), TAG)).rejects.toThrow(
      "Plusieurs utilisateurs du contrôleur ont cet Identifiant CAS",
    );
  });

  it("says the CAS server is unreachable or not the expected one; the emergency account is untouched", async () => {
    const down = await casAccount({ serverUrl: "https://127.0.0.1:1/cas" });
    await expect(finishCasSignIn(down.fqdn, "ST-1-abc", client(5), TAG)).rejects.toThrow("Le serveur CAS ne répond pas");
    const other = await casAccount({ caCertificate: readFileSync(`${CAS_DIR}/other-ca.pem`, "utf8") });
    await expect(finishCasSignIn(other.fqdn, "ST-2-abc", client(5), TAG)).rejects.toThrow(
      "Le certificat du serveur CAS n'est pas celui attendu",
    );
  });

  it("refuses a CAS server on this machine, the metadata address or a private network with the message of an unreachable one, opening no connection", async () => {
    // A server that listens and counts who comes: the live CAS server's neighbour on loopback.
    let connections = 0;
    const listening: Server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    const port = (listening.address() as { port: number }).port;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const allowed = process.env.OUTBOUND_ALLOWED_HOSTS;
    // The provider lets through the one closed port below; nothing else of this machine.
    process.env.OUTBOUND_ALLOWED_HOSTS = `127.0.0.1:${closedPort}`;
    try {
      const message = async (serverUrl: string) => {
        const { fqdn } = await casAccount({ serverUrl });
        const start = performance.now();
        const message = await finishCasSignIn(fqdn, `ST-${uniqueLabel()}`, client(7), TAG).then(
          () => "connecté",
          (error: Error) => error.message,
        );
        return { message, ms: performance.now() - start };
      };
      const unreachable = await message(`https://127.0.0.1:${closedPort}/cas`);
      expect(unreachable.message).toContain("Le serveur CAS ne répond pas");
      // Before: 'certificate invalid', 'no answer' or 'status NNN', as whatever stood there answered.
      for (const serverUrl of [
        `https://127.0.0.1:${port}/cas`,
        CAS_URL,
        `https://localhost:${port}/cas`,
        "https://169.254.169.254/latest/meta-data",
        "https://10.0.0.1/cas",
        "https://[::1]:8443/cas",
        "https://[::ffff:127.0.0.1]:8443/cas",
      ]) {
        const refused = await message(serverUrl);
        expect(refused.message, serverUrl).toBe(unreachable.message);
        expect(refused.ms, serverUrl).toBeLessThan(1000);
      }
      expect(connections).toBe(0);
    } finally {
      process.env.OUTBOUND_ALLOWED_HOSTS = allowed;
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
  });

  it("gives up on a CAS server that takes the connection and never answers, within the timeout", async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { fqdn } = await casAccount({ serverUrl: `https://127.0.0.1:${(silent.address() as { port: number }).port}/cas` });
    process.env.DIRECTORY_TIMEOUT_MS = "800";
    const start = performance.now();
    try {
      await expect(finishCasSignIn(fqdn, "ST-3-abc", client(6), TAG)).rejects.toThrow("Le serveur CAS ne répond pas");
      expect(performance.now() - start).toBeLessThan(5000);
    } finally {
      delete process.env.DIRECTORY_TIMEOUT_MS;
      silent.close();
    }
  });

  it("is no open redirect: the way out and the way back are the console's own addresses", async () => {
    const { fqdn } = await casAccount();
    const start = await casStart(new Request(`http://localhost:3000/api/connexion/cas?controleur=${fqdn}&service=https://evil.example/`));
    const location = start.headers.get("location")!;
    expect(location.startsWith(`${CAS_URL}/login?`)).toBe(true);
    expect(serviceOf(location).startsWith("http://localhost:3000/api/connexion/cas/retour?")).toBe(true);
    const etat = new URL(serviceOf(location)).searchParams.get("etat")!;
    const back = await casReturn(
      new Request(
        `http://localhost:3000/api/connexion/cas/retour?controleur=${fqdn}&etat=${etat}&ticket=ST-x&service=https://evil.example/&url=//evil.example`,
        { headers: { cookie: stateCookieOf(start) } },
      ),
    );
    expect(new URL(back.headers.get("location")!).origin).toBe("http://localhost:3000");
    expect(back.headers.get("location")).toContain("erreur=PROOF_REFUSED");
    const unknown = await casStart(new Request("http://localhost:3000/api/connexion/cas?controleur=evil.example"));
    expect(new URL(unknown.headers.get("location")!).origin).toBe("http://localhost:3000");
  });

  it("takes a return only in the browser that started the sign-in, and consumes its state: no proof cookie, nothing written otherwise", async () => {
    const { account, fqdn } = await casAccount();
    const mine = await casStart(new Request(`http://localhost:3000/api/connexion/cas?controleur=${fqdn}`));
    const service = serviceOf(mine.headers.get("location")!);
    const cookie = mine.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^signin-state=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=(None|Lax)/i);
    // The attacker's genuine ticket, for his own sign-in, sent to another browser: without his cookie…
    const ticket = await casTicket(agent.login, agent.password, service);
    const proofsBefore = await db.usedDirectoryProof.count();
    const elsewhere: Record<string, string>[] = [
      {},
      { cookie: stateCookieOf(await casStart(new Request(`http://localhost:3000/api/connexion/cas?controleur=${fqdn}`))) },
    ];
    for (const headers of elsewhere) {
      const back = await casReturn(new Request(`${service}&ticket=${ticket}`, { headers }));
      expect(back.headers.get("location")).toContain("erreur=STATE");
      expect(back.headers.get("set-cookie")).not.toContain("directory-proof=");
      expect(back.headers.get("set-cookie")).toMatch(/signin-state=;.*Max-Age=0/);
    }
    expect(await db.usedDirectoryProof.count()).toBe(proofsBefore);
    expect(await db.auditEvent.count({ where: { accountId: account.accountId, action: { startsWith: "user.signin" } } })).toBe(0);
    // …and in the browser that started, the same ticket signs in.
    const back = await casReturn(new Request(`${service}&ticket=${ticket}`, { headers: { cookie: stateCookieOf(mine) } }));
    expect(back.headers.get("location")).toContain("suite=annuaire");
    expect(back.headers.get("set-cookie")).toContain("directory-proof=");
  });

  it("keeps seen tickets and SAML requests until the hourly purge, which drops only those past their lifetime", async () => {
    const tag = uniqueLabel();
    const [past, future] = [new Date(Date.now() - 1000), new Date(Date.now() + 3600_000)];
    await db.usedDirectoryProof.createMany({
      data: [
        { key: `${tag}-old`, expiresAt: past },
        { key: `${tag}-new`, expiresAt: future },
      ],
    });
    await db.samlRequest.createMany({
      data: [
        { key: `${tag}-old`, value: "x", expiresAt: past },
        { key: `${tag}-new`, value: "x", expiresAt: future },
      ],
    });
    const purged = await purgeExpired();
    expect(purged.proofs).toBeGreaterThanOrEqual(1);
    expect(purged.samlRequests).toBeGreaterThanOrEqual(1);
    expect((await db.usedDirectoryProof.findMany({ where: { key: { startsWith: tag } } })).map((r) => r.key)).toEqual([`${tag}-new`]);
    expect((await db.samlRequest.findMany({ where: { key: { startsWith: tag } } })).map((r) => r.key)).toEqual([`${tag}-new`]);
  });

  it("is refused while CAS is off", async () => {
    const { fqdn } = await casAccount({ enabled: false });
    await expect(casSignInUrl(fqdn, TAG)).rejects.toThrow("La connexion par CAS n'est pas activée");
    expect((await findController({ domain: fqdn, port: 21200 })).cas).toBe(false);
  });
});
