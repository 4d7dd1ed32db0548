// Types of lib/client-address.mjs for the TypeScript that imports it (lib/server/request-ip.ts).
export const CLIENT_HEADER: string;
export const LOOPBACK_PROXIES: string;
export function normalAddress(value: unknown): string | null;
export function trustedHops(env?: Record<string, string | undefined>): number;
export function trustedProxies(env?: Record<string, string | undefined>): (address: string | undefined) => boolean;
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
  isProxy: (address: string | undefined) => boolean,
): string | null;
export function signClientAddress(address: string, secret: string): string;
export function verifiedClientAddress(header: string | null | undefined, secret: string | undefined): string | null;
