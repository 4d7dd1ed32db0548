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
export const unauthorized = () =>
  new AppError("UNAUTHORIZED", "Votre session a expiré : reconnectez-vous à la console d'hébergement.");
export const forbidden = () => new AppError("FORBIDDEN", "Vous n'avez pas accès à cette fonction.");

/** Prisma's unique-constraint violation, told apart without importing the generated client. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
