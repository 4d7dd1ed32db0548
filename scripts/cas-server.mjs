#!/usr/bin/env node
// A throwaway CAS server for the tests, from Debian's python3-django-cas-server (installed when
// missing): `node scripts/cas-server.mjs start|stop`. It serves CAS 1/2/3 at
// https://127.0.0.1:CAS_PORT/cas/ (8443) with a certificate signed by its own CA (CAS_DIR/ca.pem,
// what the console is given to check it), for the accounts of tests/support/cas-users.mjs, to the
// services of 127.0.0.1 and localhost. Django's WSGI application is served by Python's wsgiref
// wrapped in TLS: the test needs no web server package.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CAS_USERS } from "../tests/support/cas-users.mjs";
import { makeCertificates } from "./test-certificates.mjs";
import { listening, pidAlive, waitListening } from "./throwaway-server.mjs";
import { usage } from "./usage.mjs";

export const CAS_PORT = Number(process.env.CAS_PORT ?? 8443);
export const CAS_DIR = path.resolve(process.env.CAS_DIR ?? "/tmp/console-cas");
export const CAS_URL = `https://127.0.0.1:${CAS_PORT}/cas`;
const PYTHON = "/usr/bin/python3";
const PACKAGE = "/usr/lib/python3/dist-packages/cas_server";

const file = (name) => path.join(CAS_DIR, name);

function ensureInstalled() {
  if (existsSync(PACKAGE)) return;
  if (process.getuid?.() !== 0) {
    console.error("Le serveur CAS est introuvable : installez-le avec « sudo apt-get install python3-django-cas-server ».");
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "python3-django-cas-server"], { stdio: "inherit", env });
}

const SETTINGS = `
import json
SECRET_KEY = ${JSON.stringify(Math.random().toString(36).repeat(3))}
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
                  "django.contrib.messages", "django.contrib.staticfiles", "cas_server"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.common.CommonMiddleware",
              "django.middleware.csrf.CsrfViewMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.contrib.messages.middleware.MessageMiddleware", "django.middleware.locale.LocaleMiddleware"]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth",
                                                 "django.contrib.messages.context_processors.messages"]}}]
ROOT_URLCONF = "console_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ${JSON.stringify(file("cas.sqlite3"))}}}
LANGUAGE_CODE = "fr"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/cas/static/"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CAS_AUTH_CLASS = "console_users.ConsoleUser"
CAS_USERS = json.load(open(${JSON.stringify(file("users.json"))}))
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_SHOW_POWERED = False
`;

const URLS = `
from django.urls import include, re_path
urlpatterns = [re_path(r"^cas/", include("cas_server.urls", namespace="cas_server"))]
`;

// The accounts of tests/support/cas-users.mjs: cas_server's AuthUser interface over users.json.
const USERS = `
from django.conf import settings
from cas_server.auth import AuthUser
class ConsoleUser(AuthUser):
    def test_password(self, password):
        user = settings.CAS_USERS.get(self.username)
        return user is not None and user["password"] == password
    def attributs(self):
        return dict(settings.CAS_USERS.get(self.username, {}).get("attributes", {}))
`;

// The services allowed: the console on loopback, every attribute released.
const SETUP = `
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from cas_server.models import ServicePattern, ReplaceAttributName
pattern, _ = ServicePattern.objects.get_or_create(name="console", pattern=r"^https?://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?/.*$")
ReplaceAttributName.objects.get_or_create(name="*", service_pattern=pattern)
`;

const SERVE = `
import os, ssl, sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, WSGIRequestHandler, make_server
import django
from django.core.wsgi import get_wsgi_application
class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # socketserver's default backlog is 5: 50 validations at once would be refused connections.
    request_queue_size = 128
class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass
httpd = make_server("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), server_class=Server, handler_class=Quiet)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(${JSON.stringify(file("server.pem"))}, ${JSON.stringify(file("server.key"))})
httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
open(${JSON.stringify(file("cas.pid"))}, "w").write(str(os.getpid()))
httpd.serve_forever()
`;

const running = () => pidAlive(file("cas.pid"));

export async function startCasServer() {
  ensureInstalled();
  if (running() && (await listening(CAS_PORT))) return;
  rmSync(CAS_DIR, { recursive: true, force: true });
  mkdirSync(CAS_DIR, { recursive: true, mode: 0o700 });
  makeCertificates(CAS_DIR);
  writeFileSync(file("users.json"), JSON.stringify(CAS_USERS));
  writeFileSync(file("console_settings.py"), SETTINGS);
  writeFileSync(file("console_urls.py"), URLS);
  writeFileSync(file("console_users.py"), USERS);
  writeFileSync(file("setup.py"), SETUP);
  writeFileSync(file("serve.py"), SERVE);
  const env = { ...process.env, PYTHONPATH: CAS_DIR, DJANGO_SETTINGS_MODULE: "console_settings" };
  const setup = spawnSync(PYTHON, [file("setup.py")], { env, encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`Le serveur CAS ne s'est pas configuré : ${setup.stderr}`);
  const log = openSync(file("cas.log"), "a");
  spawn(PYTHON, [file("serve.py"), String(CAS_PORT)], { env, detached: true, stdio: ["ignore", log, log] }).unref();
  await waitListening(CAS_PORT, file("cas.log"), "Le serveur CAS");
}

export function stopCasServer() {
  if (!running()) return;
  process.kill(Number(readFileSync(file("cas.pid"), "utf8")), "SIGTERM");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  usage(`npm run cas-server -- start|stop : le serveur CAS jetable des tests, sur ${CAS_URL}/`);
  const command = process.argv[2];
  if (command === "start") await startCasServer();
  else if (command === "stop") stopCasServer();
  else {
    console.error("usage : node scripts/cas-server.mjs start|stop");
    process.exit(2);
  }
}
