/**
 * Every failure the user can act on, closed, with the HTTP status a route handler answers it with
 * (`withRoute` in lib/auth/route-context.ts); server actions show the message beside its field.
 */
export const ERROR_STATUS = {
  // The request itself is wrong: a field to correct.
  INVALID: 400,
  INVALID_DOMAIN: 400,
  CSV_COLUMNS: 400,
  CSV_EMPTY: 400,
  CSV_TOO_LARGE: 413,
  CSV_TOO_MANY: 413,
  EMPTY: 400,
  NAME: 400,
  PASSWORD: 400,
  PIN: 400,
  PIN_CONFIRMATION: 400,
  WEAK_PASSWORD: 400,
  CONFIRMATION: 400,
  SAME: 400,
  MODEL: 400,
  MODEL_POPULATION: 400,
  MODEL_CHANNEL: 400,
  TOO_MANY: 400,
  TOO_MANY_COPIES: 400,
  OTHERS_ADDRESS: 400,
  EMAIL_REQUIRED: 400,
  MODEL_INVALID: 400,
  CSV_ENCODING: 400,
  CSV_FORMAT: 400,
  // A SIECLE or STSWEB export refused (lib/server/siecle): what it holds, how it is packed, whose it is.
  XML_REFUSED: 422,
  ZIP_REFUSED: 422,
  FILE_TOO_LARGE: 413,
  NOT_SIECLE: 422,
  NOT_STSWEB: 422,
  UAI: 400,
  OTHER_SCHOOL: 422,
  OTHER_YEAR: 409,
  // A base file refused at loading (lib/server/base/base-file.ts): what it holds, not how it was sent.
  BASE_FILE_CHECKSUM: 422,
  BASE_FILE_CONTENT: 422,
  BASE_FILE_EMPTY: 422,
  BASE_FILE_FORMAT: 422,
  BASE_FILE_NOT_A_BASE: 422,
  BASE_FILE_PRODUCT: 422,
  BASE_FILE_TOO_LARGE: 413,
  BASE_FILE_TRUNCATED: 422,
  BASE_FILE_VERSION: 422,
  // Who is asking: not signed in, a wrong secret, or not allowed.
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_INVOICE: 401,
  INVALID_TOKEN: 401,
  TICKET: 401,
  CODE_EXPIRED: 401,
  NO_CODE: 401,
  CODE: 401,
  WRONG_PORT: 401,
  FORBIDDEN: 403,
  LICENCE: 403,
  NOT_ALLOWED: 403,
  NOT_ADMIN: 403,
  NOT_FOUND: 404,
  NO_CONTROLLER: 404,
  ESPACE: 404,
  // The state of the account does not allow it now (a step of the guide first, or a race lost).
  ALREADY: 409,
  ALREADY_ASSIGNED: 409,
  BASE_RACE: 409,
  IMPORT_RACE: 409,
  EXISTS: 409,
  LAST_SUPERADMIN: 409,
  LOGIN_TAKEN: 409,
  NAME_TAKEN: 409,
  NO_BASE: 409,
  NO_NET: 409,
  NO_ORIGINAL: 409,
  NO_RECIPIENT: 409,
  NO_SENDING_ACCOUNT: 409,
  NOT_VERIFIED: 409,
  PUBLISHED: 409,
  RUNNING: 409,
  STOPPED: 409,
  STEP: 409,
  ESPACE_CLOSED: 409,
  PRE_VERSION_CLOSED: 409,
  PERSONALIZE: 409,
  DOMAIN_TAKEN: 409,
  NO_DOMAIN: 409,
  NO_SUPERADMIN: 409,
  NO_NET_LICENCE: 409,
  CONTROLLER_STOPPED: 409,
  // Later, not now.
  THROTTLED: 429,
  TOO_SOON: 429,
  PIN_LOCKED: 423,
  BUSY: 503,
  DIRECTORY_DOWN: 503,
  DIRECTORY_CERTIFICATE: 502,
  DIRECTORY_AMBIGUOUS: 409,
  PROOF_REFUSED: 401,
  STATE: 401,
  ENT_UNKNOWN: 403,
  NO_CAS: 409,
  ENT_AMBIGUOUS: 409,
  ENT_DIRECT: 409,
  NO_EMERGENCY_ACCOUNT: 409,
  MAIL: 503,
  MAIL_FAILED: 503,
  SMTP_DOWN: 503,
  // An archive of the school year that could not be written, or whose bytes no longer give its digest.
  ARCHIVE: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A failure the user can act on. `message` is French and shown as is; `field` places it
 * beside the input it concerns.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
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
