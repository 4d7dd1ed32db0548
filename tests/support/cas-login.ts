import https from "node:https";
import { readFileSync } from "node:fs";
import { CAS_DIR, CAS_URL } from "../../scripts/cas-server.mjs";

type Answer = { status: number; location: string; cookies: string[]; body: string };

function send(url: string, options: { method?: string; body?: string; cookie?: string; referer?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: options.method ?? "GET",
        ca: readFileSync(`${CAS_DIR}/ca.pem`, "utf8"),
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.referer ? { referer: options.referer } : {}),
          ...(options.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
      },
      (response) => {
        let body = "";
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: String(response.headers.location ?? ""),
            cookies: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]),
            body,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/**
 * What a browser does at the test CAS server (scripts/cas-server.mjs): its login form filled in for
 * `service`, and the service ticket its redirect carries back. Throws when the server refuses.
 */
export async function casTicket(username: string, password: string, service: string): Promise<string> {
  const loginUrl = `${CAS_URL}/login?${new URLSearchParams({ service })}`;
  const page = await send(loginUrl);
  const hidden = Object.fromEntries(
    [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replaceAll("&amp;", "&")]),
  );
  const form = new URLSearchParams({ ...hidden, username, password, renew: "False" });
  const done = await send(loginUrl, { method: "POST", body: form.toString(), cookie: page.cookies.join("; "), referer: loginUrl });
  const ticket = done.location ? new URL(done.location).searchParams.get("ticket") : null;
  if (done.status !== 302 || !ticket) throw new Error(`Le serveur CAS n'a pas donné de ticket (${done.status})`);
  return ticket;
}
