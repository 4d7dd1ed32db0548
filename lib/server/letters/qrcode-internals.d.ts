// The parts of the qrcode package's core that qr-matrix.ts reads its tables from (no types ship).
declare module "qrcode/lib/core/error-correction-code" {
  export function getBlocksCount(version: number, level: { bit: number }): number;
  export function getTotalCodewordsCount(version: number, level: { bit: number }): number;
}
declare module "qrcode/lib/core/utils" {
  export function getSymbolSize(version: number): number;
  export function getSymbolTotalCodewords(version: number): number;
}
declare module "qrcode/lib/core/alignment-pattern" {
  export function getPositions(version: number): [number, number][];
}
declare module "qrcode/lib/core/version" {
  export function getEncodedBits(version: number): number;
}
declare module "qrcode/lib/core/format-info" {
  export function getEncodedBits(level: { bit: number }, mask: number): number;
}
declare module "qrcode/lib/core/error-correction-level" {
  export const M: { bit: number };
}
