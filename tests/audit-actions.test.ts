import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, describeAuditAction } from "@/lib/server/audit/actions";

/** Every source file of the console, as the journal's writers could be anywhere in it. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(file);
    return /\.(ts|tsx)$/.test(entry.name) ? [file] : [];
  });
}

/**
 * The actions the code writes: literals after `action:` or `action =` (ternaries included), a
 * template's `${kind}` expanded over the kinds it is given, and the ones the checklist's SQL reads.
 */
const KIND = "$" + "{kind}";

function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ["lib", "app", "scripts"].flatMap(sources)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\baction\s*[:=]\s*([^,;}\n]+)/g)) {
      for (const literal of match[1].matchAll(/["`']([a-z][a-z-]*(?:\.[a-z${}-]+)+)["`']/g)) {
        const names = literal[1].includes(KIND) ? ["password", "letter"].map((kind) => literal[1].replace(KIND, kind)) : [literal[1]];
        for (const name of names) found.set(name, file);
      }
    }
    for (const match of text.matchAll(/e\.action = '([a-z.-]+)'/g)) found.set(match[1], file);
  }
  return found;
}

describe("X2 Journal: one closed set of actions", () => {
  it("labels every action the code writes", () => {
    const written = writtenActions();
    // The scan itself must see the writers, or it would pass on nothing.
    expect(written.size).toBeGreaterThan(60);
    const unlabelled = [...written].filter(([action]) => !Object.hasOwn(AUDIT_ACTIONS, action)).map(([a, file]) => `${a} (${file})`);
    expect(unlabelled).toEqual([]);
  });

  it("gives each action its own French label, never its code", () => {
    const labels = Object.entries(AUDIT_ACTIONS);
    for (const [action, label] of labels) {
      expect(label, action).not.toBe(action);
      expect(label, action).toMatch(/^[A-ZÀ-Ý]/);
      expect(label, action).not.toMatch(/[a-z]\.[a-z]/);
    }
    expect(new Set(labels.map(([, label]) => label)).size).toBe(labels.length);
  });

  it("names a stored line of an action since removed without showing its code", () => {
    expect(describeAuditAction("espace.personalize")).toBe("Personnalisation du mot de passe de l'Espace");
    expect(describeAuditAction("old.removed-action")).toBe("Action retirée de la console");
  });
});
