import "server-only";
import { DOMParser } from "@xmldom/xmldom";

/** A DTD is never part of a CAS answer, SAML message or metadata: one is refused rather than parsed. */
export const hasDtd = (xml: string) => /<!DOCTYPE|<!ENTITY/i.test(xml);

/** A directory's XML as a DOM (xmldom: no entity is ever fetched), or null when it is none or has a DTD. */
export function parseXmlDocument(xml: string): Document | null {
  if (hasDtd(xml)) return null;
  try {
    const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined } }).parseFromString(xml, "text/xml");
    return (doc as unknown as Document) ?? null;
  } catch {
    return null;
  }
}
