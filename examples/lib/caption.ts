/**
 * A tiny bitmap font, 3x5 pixels a glyph, for captions in grayscale images
 * without a font library. Each glyph is five octal digits, one a row from the
 * top; a digit's three bits are the row's pixels, left to right (`2` = `010`,
 * the middle pixel). Lowercase letters draw as uppercase; a character with no
 * glyph draws as `?`.
 */
// prettier-ignore
const GLYPHS: Record<string, string> = {
  A: '25755', B: '65656', C: '34443', D: '65556', E: '74647', F: '74644', G: '34553', H: '55755',
  I: '72227', J: '11152', K: '55655', L: '44447', M: '57755', N: '65555', O: '25552', P: '65644',
  Q: '25563', R: '65655', S: '34216', T: '72222', U: '55557', V: '55552', W: '55775', X: '55255',
  Y: '55222', Z: '71247', '0': '75557', '1': '26227', '2': '61247', '3': '61216', '4': '55711', '5': '74616',
  '6': '34757', '7': '71222', '8': '75757', '9': '75716', ' ': '00000', '.': '00002', ',': '00024', ':': '02020',
  '-': '00700', '+': '02720', '=': '07070', '(': '12221', ')': '42224', '/': '11244', '%': '51245', '<': '12421',
  '>': '42124', "'": '22000', '?': '61202',
};

/** Glyph width and height in font pixels; a glyph advances by one more pixel than its width. */
export const GLYPH = { width: 3, height: 5 } as const;

/** The width in image pixels of `text` drawn at `scale`. */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * (GLYPH.width + 1) - 1) * scale;
}

/**
 * Draws `text` into a one-byte-per-pixel grayscale image `pixels` of width
 * `width`, its top-left corner at (`x`, `y`), each font pixel a `scale` x
 * `scale` square of `gray`. Pixels outside the image are skipped.
 */
export function drawText(
  pixels: Uint8Array,
  width: number,
  text: string,
  at: { x: number; y: number; scale: number; gray: number },
): void {
  const height = Math.floor(pixels.length / width);
  [...text.toUpperCase()].forEach((char, index) => {
    const rows = GLYPHS[char] ?? GLYPHS['?'];
    const left = at.x + index * (GLYPH.width + 1) * at.scale;
    for (let row = 0; row < GLYPH.height; row++) {
      const bits = Number(rows[row]);
      for (let col = 0; col < GLYPH.width; col++) {
        if (!(bits & (4 >> col))) continue;
        for (let dy = 0; dy < at.scale; dy++) {
          const py = at.y + row * at.scale + dy;
          const px = left + col * at.scale;
          if (py < 0 || py >= height || px < 0) continue;
          pixels.fill(at.gray, py * width + px, Math.min(py * width + px + at.scale, (py + 1) * width));
        }
      }
    }
  });
}
