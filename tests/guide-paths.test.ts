import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FICHE_PLACES, GUIDE_PATHS, searchGuide } from "@/lib/guide-paths";

const ALL_PANELS = ["/configuration", "/controleur", "/plannings", "/client", "/communication", "/compte"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : file.endsWith(".tsx") ? [file] : [];
  });
}

describe("the guide's paths (Fiches 7–11)", () => {
  it("finds each path by the guide's own words, first", () => {
    for (const entry of GUIDE_PATHS) expect(searchGuide(entry.client, ALL_PANELS)[0]?.id, entry.client).toBe(entry.id);
  });

  it("ignores case, accents and the menus' separators, and words typed in another order", () => {
    expect(searchGuide("administration fichier", ALL_PANELS)[0].id).toBe("administration-utilisateurs");
    expect(searchGuide("PUBLICATION des espaces en-tete", ALL_PANELS)[0].id).toBe("publication-espaces");
    expect(searchGuide("parametrer l'envoi", ALL_PANELS)[0].id).toBe("envoi-e-mails");
    expect(searchGuide("   ", ALL_PANELS)).toEqual([]);
    expect(searchGuide("téléporteur", ALL_PANELS)).toEqual([]);
  });

  it("searches only the panels the caller may open", () => {
    const controllerUser = ["/controleur", "/plannings", "/client"];
    expect(searchGuide("Imprimer/Mailer", controllerUser)).toEqual([]);
    expect(searchGuide("Fichier > Administration des utilisateurs", controllerUser)[0].id).toBe("administration-utilisateurs");
  });

  it("lands on an element the console has: every target is an id written in a page or component", () => {
    const code = [...sources("app"), ...sources("components")].map((file) => readFileSync(file, "utf8")).join("\n");
    const targets = [...GUIDE_PATHS.map((p) => p.href), ...Object.values(FICHE_PLACES)].map((href) => href.split("#")[1]).filter(Boolean);
    for (const target of new Set(targets)) expect(code, target).toMatch(new RegExp(`id=(\\{[^}]*)?"${target}"`));
  });
});
