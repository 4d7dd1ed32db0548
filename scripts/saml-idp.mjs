#!/usr/bin/env node
// A throwaway SAML 2.0 identity provider for the tests, from Debian's simplesamlphp (installed
// when missing, with php-cli): `node scripts/saml-idp.mjs start|stop`. It serves the IdP at
// http://127.0.0.1:SAML_PORT/ (8480; its metadata at SAML_IDP_METADATA) through PHP's built-in
// server, signs with a key made here by openssl, and knows the accounts of tests/support/saml-users.mjs
// and the console as a service provider at localhost:3000 (vitest) and localhost:3100 (e2e).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SAML_USERS } from "../tests/support/saml-users.mjs";
import { listening, pidAlive, waitListening } from "./throwaway-server.mjs";
import { usage } from "./usage.mjs";

export const SAML_PORT = Number(process.env.SAML_PORT ?? 8480);
export const SAML_DIR = path.resolve(process.env.SAML_DIR ?? "/tmp/console-saml");
export const SAML_IDP_URL = `http://127.0.0.1:${SAML_PORT}`;
export const SAML_IDP_METADATA = `${SAML_IDP_URL}/saml2/idp/metadata.php`;
const WWW = "/usr/share/simplesamlphp/www";
/** The service providers the IdP answers: the console of the tests, of the e2e walk. */
const CONSOLES = ["http://localhost:3000", "http://localhost:3100"];

const file = (name) => path.join(SAML_DIR, name);
/** A PHP single-quoted string literal. */
const phpString = (value) => `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function ensureInstalled() {
  if (existsSync(WWW) && existsSync("/usr/bin/php")) return;
  if (process.getuid?.() !== 0) {
    console.error("simplesamlphp est introuvable : installez-le avec « sudo apt-get install simplesamlphp php-cli php-xml ».");
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "simplesamlphp", "php-cli", "php-xml", "php-mbstring"], { stdio: "inherit", env });
}

function configFiles() {
  // Debian's configuration, with the test's own places and the IdP on.
  writeFileSync(
    file("config/config.php"),
    `<?php
require '/etc/simplesamlphp/config.php';
$config['baseurlpath'] = '${SAML_IDP_URL}/';
$config['certdir'] = '${SAML_DIR}/';
$config['metadatadir'] = '${SAML_DIR}/metadata/';
$config['loggingdir'] = '${SAML_DIR}/';
$config['datadir'] = '${SAML_DIR}/data/';
$config['tempdir'] = '${SAML_DIR}/tmp';
$config['logging.handler'] = 'errorlog';
$config['secretsalt'] = ${phpString(Math.random().toString(36).repeat(4))};
$config['auth.adminpassword'] = ${phpString(Math.random().toString(36).repeat(2))};
$config['enable.saml20-idp'] = true;
$config['module.enable'] = ['exampleauth' => true, 'core' => true, 'saml' => true];
$config['store.type'] = 'phpsession';
$config['session.phpsession.savepath'] = '${SAML_DIR}/sessions';
$config['language.default'] = 'fr';
// Plain HTTP on loopback: the IdP's own cookies cannot be Secure here.
$config['session.cookie.secure'] = false;
$config['session.cookie.samesite'] = null;
$config['language.cookie.secure'] = false;
`,
  );
  // exampleauth:UserPass's accounts, "login:password" => attributes (each a list of values), as JSON PHP decodes.
  const users = Object.fromEntries(
    Object.entries(SAML_USERS).map(([login, u]) => [
      `${login}:${u.password}`,
      Object.fromEntries(Object.entries(u.attributes).map(([k, v]) => [k, [v]])),
    ]),
  );
  writeFileSync(
    file("config/authsources.php"),
    `<?php
$config = ['admin' => ['core:AdminPassword'], 'comptes-test' => array_merge(['exampleauth:UserPass'], json_decode(${phpString(JSON.stringify(users))}, true))];
`,
  );
  writeFileSync(
    file("metadata/saml20-idp-hosted.php"),
    `<?php
$metadata['__DYNAMIC:1__'] = [
  'host' => '__DEFAULT__',
  'privatekey' => 'idp.key',
  'certificate' => 'idp.pem',
  'auth' => 'comptes-test',
  'saml20.sign.response' => true,
  'saml20.sign.assertion' => true,
];
`,
  );
  const sps = CONSOLES.map(
    (origin) => `$metadata[${phpString(`${origin}/api/connexion/saml/metadata`)}] = [
  'AssertionConsumerService' => ${phpString(`${origin}/api/connexion/saml/retour`)},
  'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
];`,
  ).join("\n");
  writeFileSync(file("metadata/saml20-sp-remote.php"), `<?php\n${sps}\n`);
}

const running = () => pidAlive(file("php.pid"));

export async function startSamlIdp() {
  ensureInstalled();
  if (running() && (await listening(SAML_PORT))) return;
  rmSync(SAML_DIR, { recursive: true, force: true });
  for (const dir of ["config", "metadata", "data", "tmp", "sessions"]) mkdirSync(file(dir), { recursive: true, mode: 0o700 });
  const openssl = (...args) => execFileSync("openssl", args, { stdio: "ignore" });
  openssl(
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=IdP de test"],
    "-keyout",
    file("idp.key"),
    "-out",
    file("idp.pem"),
  );
  // Another key: what "signed by another key" is signed with in the tests.
  openssl(
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=Pirate"],
    "-keyout",
    file("other.key"),
    "-out",
    file("other.pem"),
  );
  configFiles();
  const log = openSync(file("php.log"), "a");
  const child = spawn("/usr/bin/php", ["-S", `127.0.0.1:${SAML_PORT}`, "-t", WWW], {
    // Several workers: a browser's idle preconnection never holds the others up.
    env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: file("config"), PHP_CLI_SERVER_WORKERS: "4" },
    detached: true,
    stdio: ["ignore", log, log],
  });
  child.unref();
  writeFileSync(file("php.pid"), String(child.pid));
  await waitListening(SAML_PORT, file("php.log"), "L'IdP SAML");
}

export function stopSamlIdp() {
  if (!running()) return;
  // The server and its workers: the whole process group it leads.
  process.kill(-Number(readFileSync(file("php.pid"), "utf8")), "SIGTERM");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  usage(`npm run saml-idp -- start|stop : le fournisseur d'identité SAML jetable des tests, sur ${SAML_IDP_URL}/`);
  const command = process.argv[2];
  if (command === "start") await startSamlIdp();
  else if (command === "stop") stopSamlIdp();
  else {
    console.error("usage : node scripts/saml-idp.mjs start|stop");
    process.exit(2);
  }
}
