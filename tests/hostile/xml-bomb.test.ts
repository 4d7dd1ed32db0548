// A national file built to exhaust the heap: a 43 KB zip whose one ELEVE has 11 million empty
// children. Before, every descendant of a record was kept: 1.9 GB of heap and 16 s of CPU for one
// upload, and three at once took V8's heap and the process with it.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSieclePupils } from "@/lib/server/siecle/siecle-files";
import { IMPORTS_BUSY, IMPORTS_WAITING, oneImportAtATime } from "@/lib/server/siecle/import-gate";
import { XML_LIMITS } from "@/lib/server/siecle/xml-records";
import { xmlOfUpload } from "@/lib/server/siecle/xml-upload";
import { AppError } from "@/lib/server/errors";
import { UAI } from "../support/siecle";
import { watched } from "../support/event-loop";

function bombZip(children = 11_000_000) {
  const head = `<?xml version="1.0" encoding="UTF-8"?><BEE_ELEVES VERSION="2.1"><PARAMETRES><UAJ>${UAI}</UAJ><ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE></PARAMETRES><DONNEES><ELEVES><ELEVE ELEVE_ID="1">`;
  const tail = "</ELEVE></ELEVES></DONNEES></BEE_ELEVES>";
  const xml = Buffer.concat([Buffer.from(head), Buffer.alloc(children * 4, "<A/>"), Buffer.from(tail)]);
  return Buffer.from(zipSync({ "ElevesSansAdresses.xml": [xml, { level: 9 }] }));
}

/** Reads the upload as an import does, through the instance's gate; the error it ends with. */
async function importOf(zip: Buffer) {
  try {
    await oneImportAtATime(async () => {
      const file = await xmlOfUpload(zip, "ElevesSansAdresses.zip");
      return readSieclePupils(file.xml, file.name);
    });
    return null;
  } catch (error) {
    return error as AppError;
  }
}

describe("A SIECLE zip built to exhaust the heap", () => {
  it("is refused with 'Le fichier contient un élément trop grand', its heap growth bounded", async () => {
    const zip = bombZip();
    expect(zip.length).toBeLessThan(60_000);
    const start = performance.now();
    const { result: error, growthMb } = await watched(() => importOf(zip));
    const ms = performance.now() - start;
    console.log(`bomb zip (${(zip.length / 1024).toFixed(0)} KB): refused in ${ms.toFixed(0)} ms, heap +${growthMb.toFixed(1)} MB`);
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe("XML_REFUSED");
    expect(error?.message).toMatch(/^Le fichier contient un élément trop grand \(<ELEVE>/);
    expect(growthMb).toBeLessThan(100);
    expect(ms).toBeLessThan(3000);
  });

  it("three at once are refused, the instance serving meanwhile", async () => {
    const zip = bombZip();
    const { result: errors, growthMb, longestPauseMs } = await watched(() => Promise.all([importOf(zip), importOf(zip), importOf(zip)]));
    console.log(`three bombs at once: heap +${growthMb.toFixed(1)} MB, longest pause of the event loop ${longestPauseMs.toFixed(0)} ms`);
    expect(errors.map((e) => e?.code)).toEqual(["XML_REFUSED", "XML_REFUSED", "XML_REFUSED"]);
    expect(growthMb).toBeLessThan(150);
    expect(longestPauseMs).toBeLessThan(500);
  });

  it("bounds the depth, the text and the attributes of a record too", async () => {
    const file = (eleve: string) =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><BEE_ELEVES VERSION="2.1"><PARAMETRES><UAJ>${UAI}</UAJ></PARAMETRES><DONNEES><ELEVES>${eleve}</ELEVES></DONNEES></BEE_ELEVES>`,
      );
    const deep = `<ELEVE ELEVE_ID="1">${"<A>".repeat(XML_LIMITS.depth)}${"</A>".repeat(XML_LIMITS.depth)}</ELEVE>`;
    const long = `<ELEVE ELEVE_ID="1"><NOM_DE_FAMILLE>${"x".repeat(XML_LIMITS.textChars + 1)}</NOM_DE_FAMILLE></ELEVE>`;
    const attributes = `<ELEVE ${Array.from({ length: XML_LIMITS.attributes + 1 }, (_, i) => `A${i}="1"`).join(" ")}></ELEVE>`;
    for (const eleve of [deep, long, attributes]) {
      await expect(readSieclePupils(file(eleve), "ElevesSansAdresses.xml")).rejects.toThrow(/Le fichier contient un élément trop grand/);
    }
  });

  it("lets two imports of an instance read at once and the next ones wait their turn; past the line, one is told to come back", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reading = 0;
    let most = 0;
    const running = Array.from({ length: 2 + IMPORTS_WAITING }, () =>
      oneImportAtATime(async () => {
        most = Math.max(most, ++reading);
        await held;
        reading--;
      }),
    );
    await expect(oneImportAtATime(async () => "lu")).rejects.toThrow(IMPORTS_BUSY);
    release();
    await Promise.all(running);
    expect(most).toBe(2);
    expect(await oneImportAtATime(async () => "lu")).toBe("lu");
  });
});
