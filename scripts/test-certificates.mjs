// Certificates for the throwaway servers of the tests (slapd, the CAS server): a CA made here by
// openssl, a server certificate for 127.0.0.1 and localhost signed by it, and another CA that signed
// nothing — "the wrong certificate" of the tests. In `dir`: ca.pem, server.pem, server.key, other-ca.pem.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

export function makeCertificates(dir) {
  const file = (name) => path.join(dir, name);
  const openssl = (...args) => execFileSync("openssl", args, { stdio: "ignore" });
  const makeCa = (base, name) =>
    openssl(
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650"],
      ...["-subj", `/CN=${name}`, "-keyout", file(`${base}.key`), "-out", file(`${base}.pem`)],
    );
  makeCa("ca", "Console test CA");
  openssl(...["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost"], "-keyout", file("server.key"), "-out", file("server.csr"));
  writeFileSync(file("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  const signing = ["-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-days", "3650"];
  openssl("x509", "-req", "-in", file("server.csr"), ...signing, "-extfile", file("server.ext"), "-out", file("server.pem"));
  makeCa("other-ca", "Other CA");
}
