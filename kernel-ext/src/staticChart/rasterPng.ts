import { PNG } from "pngjs";

/** PNG colour type 0 (grey), 2 (RGB) or 6 (RGBA): the smallest that holds these pixels exactly. */
function smallestColorType(rgba: Uint8Array): 0 | 2 | 6 {
  let grey = true;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 255) return 6;
    if (grey && (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2])) grey = false;
  }
  return grey ? 0 : 2;
}

/** RGBA pixels, row-major from the top-left, as a PNG data URL for an `image` mark. */
export function rgbaToPngDataUrl(width: number, height: number, rgba: Uint8Array): string {
  if (rgba.length !== width * height * 4) {
    throw new Error(`rgbaToPngDataUrl: expected ${width * height * 4} bytes for ${width}×${height} RGBA, got ${rgba.length}`);
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const encoded = PNG.sync.write(png, { deflateLevel: 9, colorType: smallestColorType(rgba) });
  return `data:image/png;base64,${encoded.toString("base64")}`;
}

/** Width and height of a PNG data URL (Plotly image traces may carry their picture as `source`). */
export function pngDataUrlSize(dataUrl: string): { width: number; height: number } | undefined {
  const match = /^data:image\/png;base64,(.*)$/s.exec(dataUrl);
  if (!match) return undefined;
  const bytes = Buffer.from(match[1]!, "base64");
  // A PNG starts with an 8-byte signature and then the IHDR chunk: length, "IHDR", width, height.
  if (bytes.length < 24 || bytes.toString("latin1", 12, 16) !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
