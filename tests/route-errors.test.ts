import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError, ERROR_STATUS } from "@/lib/server/errors";

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(file);
    return entry.name === "route.ts" ? [file] : [];
  });
}

describe("One error → status map, one route wrapper", () => {
  it("writes every route handler but next-auth's through withRoute, or publicRoute / publicStart / publicReturn for a delegated sign-in's, none mapping errors itself", () => {
    const files = routeFiles("app/api").filter((file) => !file.includes("[...nextauth]"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      // The public ones are the ways in through CAS, SAML and the Espaces' ENT only.
      const publicOne = /^app\/api\/(connexion|espace)\//.test(file.replaceAll(path.sep, "/"));
      expect(text, file).toMatch(publicOne ? /export const (GET|POST) = public(Route|Start|Return)\(/ : /export const GET = withRoute/);
      expect(text, file).not.toMatch(/instanceof AppError|status: 40\d|routeContext\(/);
    }
  });

  it("answers each code with its status", () => {
    expect(new AppError("NOT_FOUND", "Élément introuvable.").status).toBe(404);
    expect(new AppError("NO_DOMAIN", "x").status).toBe(409);
    expect(new AppError("THROTTLED", "x").status).toBe(429);
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(status, code).toBeGreaterThanOrEqual(400);
  });
});

describe("One action client", () => {
  it("builds every server action with the action client's builders (console, user, owner, operator, public), none validating or catching by itself", () => {
    const files = readdirSync("lib/actions").filter((f) => f !== "action-client.ts");
    let actions = 0;
    for (const file of files) {
      const text = readFileSync(path.join("lib/actions", file), "utf8");
      expect(text, file).not.toMatch(/export (async )?function|\bvalidate\(|\bfailure\(|from "next\/headers"/);
      for (const [, name, builder] of text.matchAll(/^export const (\w+) = (\w+)/gm)) {
        expect(["consoleAction", "userAction", "ownerAction", "operatorAction", "publicAction"], `${file}: ${name}`).toContain(builder);
        actions++;
      }
    }
    expect(actions).toBeGreaterThanOrEqual(56);
  });
});
