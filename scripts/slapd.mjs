#!/usr/bin/env node
// A throwaway OpenLDAP directory for the tests, from Debian's packages (slapd and ldap-utils,
// installed when missing): `node scripts/slapd.mjs start|stop`. It serves the suffix dc=ecole,dc=test
// on 127.0.0.1:SLAPD_PORT (3389, StartTLS offered) and SLAPD_TLS_PORT (3636, LDAPS), with a CA and a
// server certificate made here by openssl (the CA is SLAPD_DIR/ca.pem: what the console is given to
// check the server). Its entries (tests/support/ldap-entries.mjs) are loaded before it starts.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LDAP_ADMIN, LDAP_ADMIN_PASSWORD, LDAP_SUFFIX, ldapEntries } from "../tests/support/ldap-entries.mjs";
import { makeCertificates } from "./test-certificates.mjs";
import { usage } from "./usage.mjs";

export const SLAPD_PORT = Number(process.env.SLAPD_PORT ?? 3389);
export const SLAPD_TLS_PORT = Number(process.env.SLAPD_TLS_PORT ?? 3636);
export const SLAPD_DIR = path.resolve(process.env.SLAPD_DIR ?? "/tmp/console-slapd");

function ensureInstalled() {
  if (existsSync("/usr/sbin/slapd") && existsSync("/usr/sbin/slappasswd")) return;
  if (process.getuid?.() !== 0) {
    console.error("slapd est introuvable : installez-le avec « sudo apt-get install slapd ldap-utils ».");
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  // Debian's policy-rc.d (or the missing init) keeps the package from starting its own server.
  execFileSync("apt-get", ["install", "-y", "-qq", "slapd", "ldap-utils"], { stdio: "inherit", env });
}

const file = (name) => path.join(SLAPD_DIR, name);

function config() {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${file("slapd.pid")}
TLSCACertificateFile ${file("ca.pem")}
TLSCertificateFile ${file("server.pem")}
TLSCertificateKeyFile ${file("server.key")}
database mdb
maxsize 67108864
suffix "${LDAP_SUFFIX}"
rootdn "${LDAP_ADMIN}"
rootpw ${LDAP_ADMIN_PASSWORD}
directory ${file("db")}
access to attrs=userPassword by anonymous auth by self read by * none
access to * by users read by anonymous auth
`;
}

function running() {
  if (!existsSync(file("slapd.pid"))) return false;
  const pid = Number(readFileSync(file("slapd.pid"), "utf8"));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startSlapd() {
  ensureInstalled();
  if (running()) return;
  rmSync(SLAPD_DIR, { recursive: true, force: true });
  mkdirSync(file("db"), { recursive: true, mode: 0o700 });
  makeCertificates(SLAPD_DIR);
  writeFileSync(file("slapd.conf"), config());
  const hash = (secret) => execFileSync("/usr/sbin/slappasswd", ["-s", secret], { encoding: "utf8" }).trim();
  writeFileSync(file("entries.ldif"), ldapEntries(hash));
  const load = spawnSync("/usr/sbin/slapadd", ["-f", file("slapd.conf"), "-l", file("entries.ldif")], { encoding: "utf8" });
  if (load.status !== 0) throw new Error(`slapadd a échoué : ${load.stderr}`);
  const urls = `ldap://127.0.0.1:${SLAPD_PORT}/ ldaps://127.0.0.1:${SLAPD_TLS_PORT}/`;
  const start = spawnSync("/usr/sbin/slapd", ["-f", file("slapd.conf"), "-h", urls], { encoding: "utf8" });
  if (start.status !== 0) throw new Error(`slapd n'a pas démarré : ${start.stderr}`);
  for (let i = 0; i < 100 && !running(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!running()) throw new Error("slapd n'a pas démarré (pas de pid)");
}

export function stopSlapd() {
  if (!running()) return;
  process.kill(Number(readFileSync(file("slapd.pid"), "utf8")), "SIGTERM");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  usage(
    `npm run slapd -- start|stop : l'annuaire LDAP jetable des tests, sur 127.0.0.1:${SLAPD_PORT} (StartTLS) et ${SLAPD_TLS_PORT} (LDAPS)`,
  );
  const command = process.argv[2];
  if (command === "start") await startSlapd();
  else if (command === "stop") stopSlapd();
  else {
    console.error("usage : node scripts/slapd.mjs start|stop");
    process.exit(2);
  }
}
