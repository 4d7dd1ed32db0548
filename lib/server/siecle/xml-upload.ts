import "server-only";
import yauzl from "yauzl";
import { AppError } from "@/lib/server/errors";

/**
 * The largest XML a school's export may be, unzipped. A lycée's ResponsablesAvecAdresses.xml holds
 * about 1 KB a person: 6,000 responsables are 6 MB, a cité scolaire's a few times that.
 */
export const MAX_XML_BYTES = 48 * 1024 * 1024;

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** What the school uploaded, as the XML it holds: the file itself, or the one XML entry of its zip. */
export async function xmlOfUpload(bytes: Buffer, fileName: string): Promise<{ name: string; xml: Buffer }> {
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE) || bytes.subarray(0, 4).equals(EMPTY_ZIP_SIGNATURE)) {
    return onlyXmlEntry(bytes, fileName);
  }
  if (bytes.length > MAX_XML_BYTES) throw tooLarge(fileName);
  return { name: fileName, xml: bytes };
}

function tooLarge(name: string) {
  return new AppError(
    "FILE_TOO_LARGE",
    `Le fichier ${name} dépasse ${MAX_XML_BYTES / 1024 / 1024} Mo : ce n'est pas un export SIECLE ou STSWEB d'un établissement.`,
    "file",
  );
}

const refused = (reason: string) => new AppError("ZIP_REFUSED", reason, "file");

/**
 * A SIECLE zip holds one XML file and nothing else. Read with yauzl, which checks each entry's
 * declared sizes against what it inflates; the entry is inflated only up to MAX_XML_BYTES, so a
 * zip bomb stops at the limit, and the central directory is read before any byte is inflated.
 */
function onlyXmlEntry(bytes: Buffer, zipName: string): Promise<{ name: string; xml: Buffer }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) => {
      if (error || !zip) {
        reject(refused(`Le fichier ${zipName} n'est pas une archive zip lisible (elle est peut-être incomplète).`));
        return;
      }
      if (zip.entryCount !== 1) {
        zip.close();
        reject(
          refused(
            zip.entryCount === 0
              ? `L'archive ${zipName} est vide : elle doit contenir le fichier XML exporté de SIECLE ou de STSWEB.`
              : `L'archive ${zipName} contient ${zip.entryCount} fichiers : elle doit contenir un seul fichier XML, celui de l'export.`,
          ),
        );
        return;
      }
      // yauzl refuses "../" and absolute names itself (strictFileNames): said as such, not as damage.
      zip.on("error", (zipError: Error) =>
        reject(
          refused(
            /path|file ?name/i.test(zipError.message)
              ? `L'archive ${zipName} contient un chemin de fichier refusé : elle doit contenir un seul fichier .xml, sans dossier.`
              : `L'archive ${zipName} est endommagée : exportez le fichier à nouveau.`,
          ),
        ),
      );
      zip.once("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (/[/\\]|^\.\.?$/.test(name) || !/\.xml$/i.test(name)) {
          zip.close();
          reject(
            refused(`L'archive ${zipName} contient « ${name.slice(0, 80)} » : elle doit contenir un seul fichier .xml, sans dossier.`),
          );
          return;
        }
        if (entry.uncompressedSize > MAX_XML_BYTES) {
          zip.close();
          reject(tooLarge(name));
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(refused(`L'archive ${zipName} est endommagée : exportez le fichier à nouveau.`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_XML_BYTES) {
              stream.destroy();
              reject(tooLarge(name));
              return;
            }
            chunks.push(chunk);
          });
          stream.on("error", () => reject(refused(`L'archive ${zipName} est endommagée : exportez le fichier à nouveau.`)));
          stream.on("end", () => {
            zip.close();
            resolve({ name, xml: Buffer.concat(chunks) });
          });
        });
      });
      zip.readEntry();
    });
  });
}
