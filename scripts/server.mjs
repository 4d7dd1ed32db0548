// The console's server: Next's request handler behind a plain HTTP server, so that every request
// carries the client address its socket (and the trusted proxies, TRUSTED_PROXY_HOPS and TRUSTED_PROXIES) give, which
// `next start` cannot: it keeps whatever X-Forwarded-For the client sent. `npm start` runs it;
// `--dev` serves the development build. PORT (3000) and LISTEN_HOST (0.0.0.0).
import http from "node:http";
import next from "next";
import { CLIENT_HEADER, resolveClientAddress, signClientAddress, trustedHops, trustedProxies } from "../lib/client-address.mjs";
import { usage } from "./usage.mjs";

usage(`
npm start            la console compilée (npx next build d'abord), en production
npm run dev          la console en développement (next dev)
Variables : PORT (3000), LISTEN_HOST (0.0.0.0), NEXTAUTH_SECRET (obligatoire), TRUSTED_PROXY_HOPS, TRUSTED_PROXIES.
`);

const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";
const port = Number(process.env.PORT) || 3000;
const hostname = process.env.LISTEN_HOST || "0.0.0.0";
const secret = process.env.NEXTAUTH_SECRET;
if (!secret) {
  console.error("NEXTAUTH_SECRET n'est pas défini : la console ne peut pas démarrer.");
  process.exit(1);
}
const hops = trustedHops();
let isProxy;
try {
  isProxy = trustedProxies();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  const address = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], hops, isProxy) ?? "inconnue";
  // What the client wrote is never passed on: the console reads the address from here only.
  request.headers["x-forwarded-for"] = address;
  request.headers[CLIENT_HEADER] = signClientAddress(address, secret);
  handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(
    `Console d'hébergement sur http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${hops ? ` (${hops} mandataire(s) de confiance)` : ""}`,
  );
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
