/**
 * Reed-Solomon error correction codewords for the QR symbols (qr-matrix.ts), on log tables: the
 * qrcode package's polynomial division was most of a symbol's time.
 */
// GF(256), primitive polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];

const products = new Map<number, Uint8Array>();
/**
 * For the generator ∏ (x − αⁱ), i < degree: row f of the table holds f × its coefficients (after
 * the leading 1), so that each step of the division is one lookup per coefficient.
 */
function generatorProducts(degree: number): Uint8Array {
  let table = products.get(degree);
  if (!table) {
    let poly = new Uint8Array([1]);
    for (let i = 0; i < degree; i++) {
      const next = new Uint8Array(poly.length + 1);
      for (let j = 0; j < poly.length; j++) {
        next[j] ^= poly[j];
        if (poly[j]) next[j + 1] ^= EXP[LOG[poly[j]] + i];
      }
      poly = next;
    }
    table = new Uint8Array(256 * degree);
    for (let f = 1; f < 256; f++) {
      for (let j = 0; j < degree; j++) table[f * degree + j] = poly[j + 1] === 0 ? 0 : EXP[LOG[poly[j + 1]] + LOG[f]];
    }
    products.set(degree, table);
  }
  return table;
}

export function reedSolomon(data: Uint8Array, degree: number): Uint8Array {
  const table = generatorProducts(degree);
  const ecc = new Uint8Array(degree);
  const last = degree - 1;
  for (let i = 0; i < data.length; i++) {
    const row = (data[i] ^ ecc[0]) * degree;
    for (let j = 0; j < last; j++) ecc[j] = ecc[j + 1] ^ table[row + j];
    ecc[last] = table[row + last];
  }
  return ecc;
}
