/**
 * The text and fonts of the letters' PDF, written around pdfkit's per-call layout: the measured
 * reason is in each comment (re-kerning the fixed sentences, re-parsing the AFM files).
 */
export const A4 = { width: 595.28, height: 841.89 };

/** What pdfkit keeps of a standard font, used here to write text without its per-call layout. */
export type FontInternals = {
  id: string;
  font: {
    glyphsForString(text: string): string[];
    encodeText(text: string): string[];
    getKernPair(left: string, right: string): number;
    widthOfGlyph(glyph: string): number;
  };
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number }[]];
  widthOfString(text: string, size: number): number;
  lineHeight(size: number, includeGap?: boolean): number;
};
export type DocInternals = {
  _font: FontInternals;
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  page: { fonts: Record<string, unknown> };
  _root: { data: { Pages: { data: { Kids: { id: number; gen: number }[] } } } };
};

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * Text as pdfkit writes it (WinAnsi, kerned TJ), but each distinct string encoded once: a model's
 * fixed sentences come back in every letter, and re-kerning them was most of the time per letter.
 */
/**
 * What repeats from letter to letter is a model's fixed text; names and passwords do not. A cache
 * that outgrows that is emptied (the fixed text comes back at once), so memory stays flat.
 */
const CACHE_LIMIT = 2_000;
function remember<V>(cache: Map<string, V>, key: string, value: V) {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

export class TextWriter {
  private shown = new Map<string, string>();
  private widths = new Map<string, number>();
  private codes = new Map<number, { hex: string; glyph: string; width: number }>();
  private kerns = new Map<number, number>();
  constructor(private font: FontInternals) {}

  private code(char: number) {
    let code = this.codes.get(char);
    if (!code) {
      const text = String.fromCharCode(char);
      const glyph = this.font.font.glyphsForString(text)[0];
      code = { hex: this.font.font.encodeText(text)[0], glyph, width: this.font.font.widthOfGlyph(glyph) };
      this.codes.set(char, code);
    }
    return code;
  }

  private kern(left: number, right: number): number {
    const key = left * 65536 + right;
    let kern = this.kerns.get(key);
    if (kern === undefined) {
      kern = this.font.font.getKernPair(this.code(left).glyph, this.code(right).glyph);
      this.kerns.set(key, kern);
    }
    return kern;
  }

  /**
   * The TJ operator pdfkit would write for `text`: WinAnsi codes in runs, each run closed by the
   * kerning to the next glyph. A model's fixed sentences are encoded once; codes and kerning
   * pairs are looked up by character code.
   */
  show(text: string): string {
    let tj = this.shown.get(text);
    if (tj !== undefined) return tj;
    const commands: string[] = [];
    let run = "";
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      run += this.code(char).hex;
      const kern = i + 1 < text.length ? this.kern(char, text.charCodeAt(i + 1)) : 0;
      if (kern !== 0 || i === text.length - 1) {
        commands.push(`<${run}> ${num(-kern)}`);
        run = "";
      }
    }
    tj = `[${commands.join(" ")}] TJ`;
    remember(this.shown, text, tj);
    return tj;
  }

  /** Greedy line breaking on spaces, measured as pdfkit measures (kerning around spaces included). */
  breakLines(text: string, size: number, width: number): string[] {
    const SPACE = 32;
    const space = this.width(" ");
    // The width `word` adds after `before` and a space, at 1 pt.
    const after = (before: string, word: string) => {
      let w = space + this.width(word);
      if (before) w += this.kern(before.charCodeAt(before.length - 1), SPACE) / 1000;
      if (word) w += this.kern(SPACE, word.charCodeAt(0)) / 1000;
      return w;
    };
    const lines: string[] = [];
    let current: string | null = null;
    let currentWidth = 0;
    let lastWord = "";
    for (const word of text.split(" ")) {
      if (current === null) {
        current = word;
        currentWidth = this.width(word);
      } else {
        const added = after(lastWord, word);
        if (current && (currentWidth + added) * size > width) {
          lines.push(current);
          current = word;
          currentWidth = this.width(word);
        } else {
          current = `${current} ${word}`;
          currentWidth += added;
        }
      }
      lastWord = word;
    }
    lines.push(current ?? "");
    return lines;
  }

  private width(word: string): number {
    let w = this.widths.get(word);
    if (w === undefined) {
      // As pdfkit measures: each glyph's width plus the kerning to the next, in thousandths of an em.
      w = 0;
      for (let i = 0; i < word.length; i++) {
        const char = word.charCodeAt(i);
        w += this.code(char).width + (i + 1 < word.length ? this.kern(char, word.charCodeAt(i + 1)) : 0);
      }
      w /= 1000;
      remember(this.widths, word, w);
    }
    return w;
  }

  /** One line whose top is at `y` in pdfkit's (downward) page coordinates. */
  line(text: string, x: number, y: number, size: number): string {
    const baseline = A4.height - y - (this.font.ascender / 1000) * size;
    return `BT 1 0 0 1 ${num(x)} ${num(baseline)} Tm /${this.font.id} ${size} Tf ${this.show(text)} ET`;
  }
}

/** A standard font's metrics as pdfkit parsed them from its AFM file, kept for every later document. */
const parsedFonts = new Map<string, object>();

/**
 * pdfkit parses a standard font's AFM file anew for every document: 1.4 of the 2 ms of a one-page
 * PDF (an e-mail's attachment). A new document is given a font object of its own (its id and its
 * reference in this document) around the metrics parsed once.
 */
export function reuseParsedFont(doc: DocInternals, name: string) {
  const parsed = parsedFonts.get(name) as
    | (FontInternals & { font: unknown; document: unknown; dictionary?: unknown; embedded?: boolean })
    | undefined;
  if (!parsed) return;
  const { dictionary: _dictionary, embedded: _embedded, ...metrics } = parsed;
  doc._fontFamilies[name] = Object.assign(Object.create(Object.getPrototypeOf(parsed)), metrics, {
    document: doc,
    id: `F${++doc._fontCount}`,
  });
}

export function rememberParsedFont(doc: DocInternals, name: string) {
  if (parsedFonts.has(name)) return;
  // Without its document: a first PDF of 5,000 letters is not kept alive by the cache.
  const {
    document: _document,
    dictionary: _dictionary,
    embedded: _embedded,
    ...metrics
  } = doc._font as FontInternals & { document?: unknown; dictionary?: unknown; embedded?: boolean };
  parsedFonts.set(name, Object.assign(Object.create(Object.getPrototypeOf(doc._font)), metrics));
}
