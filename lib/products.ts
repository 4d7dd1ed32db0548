/** The product an account belongs to sets every name and address the console shows (SPEC, Products). */
export const PRODUCTS = ["PRONOTE_CAMPUS", "HYPERPLANNING", "PRONOTE"] as const;
export type Product = (typeof PRODUCTS)[number];

export type ProductInfo = {
  displayName: string;
  netName: string;
  domainSuffix: string;
  requiresRne: boolean;
};

const INFO: Record<Product, ProductInfo> = {
  PRONOTE_CAMPUS: {
    displayName: "PRONOTE Campus",
    netName: "PRONOTE Campus.net",
    domainSuffix: ".pronote-campus.net",
    requiresRne: false,
  },
  HYPERPLANNING: {
    displayName: "HYPERPLANNING",
    netName: "HYPERPLANNING.net",
    domainSuffix: ".hyperplanning.fr",
    requiresRne: false,
  },
  PRONOTE: {
    displayName: "PRONOTE",
    netName: "PRONOTE.net",
    domainSuffix: ".index-education.net",
    requiresRne: true,
  },
};

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

export function productInfo(product: string): ProductInfo {
  if (!isProduct(product)) throw new Error(`Unknown product: ${product}`);
  return INFO[product];
}

/** Public address of the Espaces for a planning (SPEC F14 default). */
export function espacesAddress(product: string, planningFqdn: string | null, rne: string | null): string | null {
  if (product === "PRONOTE") return rne ? `https://${rne.toLowerCase()}.index-education.net/pronote/` : null;
  return planningFqdn ? `https://${planningFqdn}/` : null;
}
