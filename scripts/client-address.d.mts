// Types of scripts/client-address.mjs for the TypeScript that imports it (lib/server/request-ip.ts).
export const CLIENT_HEADER: string;
export function normalAddress(value: unknown): string | null;
export function trustedHops(env?: Record<string, string | undefined>): number;
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string | null;
export function signClientAddress(address: string, secret: string): string;
export function verifiedClientAddress(header: string | null | undefined, secret: string | undefined): string | null;
