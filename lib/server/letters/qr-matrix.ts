import * as Alignment from "qrcode/lib/core/alignment-pattern";
import * as ECCode from "qrcode/lib/core/error-correction-code";
import * as ECLevel from "qrcode/lib/core/error-correction-level";
import * as FormatInfo from "qrcode/lib/core/format-info";
import * as Utils from "qrcode/lib/core/utils";
import * as Version from "qrcode/lib/core/version";
import type { QrSegment } from "./qr-payload";
import { reedSolomon } from "./reed-solomon";

/**
 * A QR symbol (ISO/IEC 18004) for the letters, at error correction M with mask pattern 2, module
 * for module what the qrcode package draws (tests compare them), but about ten times faster: what
 * depends only on the version — function patterns, the order data modules are filled in, the mask —
 * is worked out once per version, and Reed-Solomon runs on log tables. The tables of versions,
 * blocks and alignment positions are the qrcode package's own.
 *
 * One piece on purpose (over 250 lines): the version's template, the bit stream and the placement
 * share the same per-version tables and index layouts; only Reed-Solomon (reed-solomon.ts) stands
 * apart. Split further, each part would have to export the template's internals.
 */
const LEVEL = ECLevel.M;
const MASK = 2;
const ALPHANUMERIC = new Int8Array(128).fill(-1);
for (const [i, char] of [..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"].entries()) ALPHANUMERIC[char.charCodeAt(0)] = i;
const UTF8 = new TextEncoder();

type Template = {
  size: number;
  /** Function patterns drawn, data modules 0. */
  base: Uint8Array;
  /** Data modules in filling order (index row × size + col), each with its mask bit. */
  positions: Int32Array;
  maskBits: Uint8Array;
  dataCodewords: number;
  totalCodewords: number;
  /** The same symbol packed for a PDF image mask (rows of bits, 0 = dark): function patterns drawn. */
  packedBase: Uint8Array;
  /** Per data module: its byte in the packed rows and its bit there. */
  packedIndex: Int32Array;
  packedBit: Uint8Array;
};

const templates = new Map<number, Template>();

function template(version: number): Template {
  const cached = templates.get(version);
  if (cached) return cached;
  const size = Utils.getSymbolSize(version);
  const base = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (row: number, col: number, dark: boolean) => {
    base[row * size + col] = dark ? 1 : 0;
    reserved[row * size + col] = 1;
  };
  for (const [row, col] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ]) {
    for (let r = -1; r <= 7; r++) {
      if (row + r <= -1 || size <= row + r) continue;
      for (let c = -1; c <= 7; c++) {
        if (col + c <= -1 || size <= col + c) continue;
        const ring = (r >= 0 && r <= 6 && (c === 0 || c === 6)) || (c >= 0 && c <= 6 && (r === 0 || r === 6));
        set(row + r, col + c, ring || (r >= 2 && r <= 4 && c >= 2 && c <= 4));
      }
    }
  }
  for (let r = 8; r < size - 8; r++) {
    set(r, 6, r % 2 === 0);
    set(6, r, r % 2 === 0);
  }
  for (const [row, col] of Alignment.getPositions(version)) {
    for (let r = -2; r <= 2; r++) {
      for (let c = -2; c <= 2; c++) set(row + r, col + c, r === -2 || r === 2 || c === -2 || c === 2 || (r === 0 && c === 0));
    }
  }
  if (version >= 7) {
    const bits = Version.getEncodedBits(version);
    for (let i = 0; i < 18; i++) {
      const row = Math.floor(i / 3);
      const col = (i % 3) + size - 11;
      const dark = ((bits >> i) & 1) === 1;
      set(row, col, dark);
      set(col, row, dark);
    }
  }
  const format = FormatInfo.getEncodedBits(LEVEL, MASK);
  for (let i = 0; i < 15; i++) {
    const dark = ((format >> i) & 1) === 1;
    if (i < 6) set(i, 8, dark);
    else if (i < 8) set(i + 1, 8, dark);
    else set(size - 15 + i, 8, dark);
    if (i < 8) set(8, size - i - 1, dark);
    else if (i < 9) set(8, 15 - i, dark);
    else set(8, 14 - i, dark);
  }
  set(size - 8, 8, true);

  const positions: number[] = [];
  let inc = -1;
  let row = size - 1;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (;;) {
      for (let c = 0; c < 2; c++) if (!reserved[row * size + col - c]) positions.push(row * size + col - c);
      row += inc;
      if (row < 0 || size <= row) {
        row -= inc;
        inc = -inc;
        break;
      }
    }
  }
  const totalCodewords = Utils.getSymbolTotalCodewords(version);
  const rowBytes = Math.ceil(size / 8);
  const packedBase = new Uint8Array(size * rowBytes).fill(0xff);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (base[r * size + c] === 1) packedBase[r * rowBytes + (c >>> 3)] &= ~(0x80 >>> (c & 7));
  }
  const made: Template = {
    packedBase,
    packedIndex: Int32Array.from(positions, (p) => Math.floor(p / size) * rowBytes + ((p % size) >>> 3)),
    packedBit: Uint8Array.from(positions, (p) => 0x80 >>> ((p % size) & 7)),
    size,
    base,
    positions: Int32Array.from(positions),
    maskBits: Uint8Array.from(positions, (p) => ((p % size) % 3 === 0 ? 1 : 0)),
    dataCodewords: totalCodewords - ECCode.getTotalCodewordsCount(version, LEVEL),
    totalCodewords,
  };
  templates.set(version, made);
  return made;
}

type Encoded = { mode: "byte"; bytes: Uint8Array } | { mode: "alphanumeric"; text: string };

function alphanumeric(text: string, i: number): number {
  const value = ALPHANUMERIC[text.charCodeAt(i) & 127];
  if (value < 0 || text.charCodeAt(i) > 127) throw new Error("QR code : caractère hors du mode alphanumérique");
  return value;
}

function countBits(segment: Encoded, version: number): number {
  const classIndex = version < 10 ? 0 : version < 27 ? 1 : 2;
  return segment.mode === "byte" ? [8, 16, 16][classIndex] : [9, 11, 13][classIndex];
}

function dataBits(segment: Encoded): number {
  if (segment.mode === "byte") return segment.bytes.length * 8;
  return Math.floor(segment.text.length / 2) * 11 + (segment.text.length % 2) * 6;
}

/** The smallest version that holds the segments, and its data codewords, padded as the standard says. */
function encodeData(segments: Encoded[]) {
  for (let version = 1; version <= 40; version++) {
    const t = template(version);
    const bits = segments.reduce((sum, s) => sum + 4 + countBits(s, version) + dataBits(s), 0);
    if (bits > t.dataCodewords * 8) continue;
    const out = new Uint8Array(t.dataCodewords);
    let bitLength = 0;
    let acc = 0;
    let accBits = 0;
    const put = (value: number, length: number) => {
      acc = (acc << length) | value;
      accBits += length;
      bitLength += length;
      while (accBits >= 8) {
        accBits -= 8;
        out[(bitLength - accBits - 8) >>> 3] = (acc >>> accBits) & 0xff;
      }
      acc &= (1 << accBits) - 1;
    };
    for (const s of segments) {
      if (s.mode === "byte") {
        put(0b0100, 4);
        put(s.bytes.length, countBits(s, version));
        for (const byte of s.bytes) put(byte, 8);
      } else {
        put(0b0010, 4);
        put(s.text.length, countBits(s, version));
        let i = 0;
        for (; i + 1 < s.text.length; i += 2) put(alphanumeric(s.text, i) * 45 + alphanumeric(s.text, i + 1), 11);
        if (i < s.text.length) put(alphanumeric(s.text, i), 6);
      }
    }
    if (accBits > 0) out[bitLength >>> 3] = (acc << (8 - accBits)) & 0xff;
    // Terminator and padding to the byte are zeros; then the pad codewords.
    for (let i = Math.ceil(Math.min(bitLength + 4, t.dataCodewords * 8) / 8), pad = 0; i < t.dataCodewords; i++, pad++) {
      out[i] = pad % 2 ? 0x11 : 0xec;
    }
    return { version, data: out };
  }
  throw new Error("QR code: trop de données");
}

function interleave(version: number, data: Uint8Array, t: Template): Uint8Array {
  const blocks = ECCode.getBlocksCount(version, LEVEL);
  const inGroup2 = t.totalCodewords % blocks;
  const inGroup1 = blocks - inGroup2;
  const data1 = Math.floor(t.dataCodewords / blocks);
  const ecCount = Math.floor(t.totalCodewords / blocks) - data1;
  const dataBlocks: Uint8Array[] = [];
  const eccBlocks: Uint8Array[] = [];
  for (let b = 0, offset = 0; b < blocks; b++) {
    const length = b < inGroup1 ? data1 : data1 + 1;
    const block = data.subarray(offset, offset + length);
    dataBlocks.push(block);
    eccBlocks.push(reedSolomon(block, ecCount));
    offset += length;
  }
  const out = new Uint8Array(t.totalCodewords);
  let index = 0;
  for (let i = 0; i <= data1; i++) for (const block of dataBlocks) if (i < block.length) out[index++] = block[i];
  for (let i = 0; i < ecCount; i++) for (const block of eccBlocks) out[index++] = block[i];
  return out;
}

function symbol(segments: QrSegment[]) {
  const encoded: Encoded[] = segments.map((s) =>
    s.mode === "byte" ? { mode: "byte", bytes: UTF8.encode(s.data) } : { mode: "alphanumeric", text: s.data },
  );
  const { version, data } = encodeData(encoded);
  const t = template(version);
  return { t, codewords: interleave(version, data, t) };
}

/** The i-th data module's bit: codewords first, then the remainder bits, 0; masked. */
function moduleBit(codewords: Uint8Array, maskBits: Uint8Array, k: number): number {
  const bit = k < codewords.length * 8 ? (codewords[k >>> 3] >>> (7 - (k & 7))) & 1 : 0;
  return bit ^ maskBits[k];
}

/** The symbol's modules, row after row, 1 for dark. */
export function qrMatrix(segments: QrSegment[]): { size: number; modules: Uint8Array } {
  const { t, codewords } = symbol(segments);
  const modules = t.base.slice();
  for (let k = 0; k < t.positions.length; k++) modules[t.positions[k]] = moduleBit(codewords, t.maskBits, k);
  return { size: t.size, modules };
}

/**
 * The same symbol as a PDF image mask wants it: rows of bits, 0 for a dark module, each row
 * starting on a byte. Written straight from the codewords into the packed rows.
 */
export function qrImageMask(segments: QrSegment[]): { size: number; rows: Uint8Array } {
  const { t, codewords } = symbol(segments);
  const rows = t.packedBase.slice();
  const { packedIndex, packedBit, maskBits } = t;
  const count = packedIndex.length;
  let k = 0;
  for (let c = 0; c < codewords.length && k < count; c++) {
    const byte = codewords[c];
    for (let b = 7; b >= 0 && k < count; b--, k++) {
      if ((((byte >>> b) & 1) ^ maskBits[k]) === 1) rows[packedIndex[k]] &= ~packedBit[k];
    }
  }
  // The remainder bits are zeros: only the mask darkens them.
  for (; k < count; k++) if (maskBits[k] === 1) rows[packedIndex[k]] &= ~packedBit[k];
  return { size: t.size, rows };
}
