/**
 * A failure the user can act on. `message` is French and shown as is; `field` places it
 * beside the input it concerns.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("NOT_FOUND", "Élément introuvable.");
export const unauthorized = () => new AppError("UNAUTHORIZED", "Votre session a expiré : reconnectez-vous à la console d'hébergement.");
export const forbidden = () => new AppError("FORBIDDEN", "Vous n'avez pas accès à cette fonction.");

/**
 * Prisma's unique-constraint violation, told apart without importing the generated client: P2002
 * from its queries, P2010 with the driver's UniqueConstraintViolation from a raw statement.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return code === "P2002" || (code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}
