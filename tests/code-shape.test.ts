import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The console's own source files under `dir` (the generated Prisma client aside). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(file);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [file] : [];
  });
}

const read = (file: string) => readFileSync(file, "utf8");
const everywhere = ["lib", "components", "app", "scripts"].flatMap(sources);

describe("One shape for each shared idea", () => {
  it("declares the actor, the caller and the error → status map once", () => {
    const declaring = (pattern: RegExp) => everywhere.filter((file) => pattern.test(read(file)));
    expect(declaring(/\btype Actor\s*=/)).toEqual(["lib/server/actor.ts"]);
    expect(declaring(/\btype Caller\s*=/)).toEqual(["lib/server/actor.ts"]);
    expect(declaring(/ERROR_STATUS\s*=/)).toEqual(["lib/server/errors.ts"]);
    // No context declared by hand beside it: { accountId: string; actor: string … } is the Actor.
    expect(declaring(/\{\s*accountId: string;\s*actor: string/)).toEqual(["lib/server/actor.ts"]);
  });

  it("types the journal's actions: no `action: string` where a journal line is written", () => {
    for (const file of sources("lib/server/audit")) {
      expect(read(file).replace(/function \w+\(action: string\)/g, ""), file).not.toMatch(/action\??: string/);
    }
  });

  it("keeps files of lib/ and components/ under 250 lines, or says why one must be one piece", () => {
    const long = ["lib", "components"]
      .flatMap(sources)
      .filter((file) => read(file).split("\n").length > 251 && !read(file).includes("One piece on purpose"));
    expect(long).toEqual([]);
  });

  it("points layers one way: lib/server never imports lib/auth (next-auth's glue reads lib/server)", () => {
    const upward = sources("lib/server").filter((file) => /from "@\/lib\/auth\//.test(read(file)));
    expect(upward).toEqual([]);
  });

  it("keeps every way in under lib/server/sign-in: no sign-in flow left in another folder", () => {
    const flows = ["lib", "components", "app"]
      .flatMap(sources)
      .filter((file) => /^lib\/server\//.test(file) && !file.startsWith("lib/server/sign-in/"))
      .filter((file) => /sign-in|signin/.test(path.basename(file)));
    expect(flows).toEqual([]);
  });
});
