import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/**
 * Parses the IDX format of (Fashion-)MNIST: magic 0x0000 08 NN (unsigned bytes, NN dims), big-endian sizes, data.
 */
export function parseIdx(bytes: Uint8Array, source = "IDX data"): IdxArray {
  if (bytes.length < 4) throw new Error(`${source}: expected at least 4 header bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const typeCode = bytes[2]!;
  const rank = bytes[3]!;
  if (view.getUint16(0) !== 0 || typeCode !== 0x08) {
    throw new Error(`${source}: expected magic 0x000008NN (unsigned bytes), got 0x${view.getUint32(0).toString(16).padStart(8, "0")}`);
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - offset !== size) {
    throw new Error(`${source}: header promises ${size} bytes of data (${dims.join("×")}), file has ${bytes.length - offset}`);
  }
  return { dims, data: bytes.subarray(offset) };
}

export function readIdxGz(file: string): IdxArray {
  return parseIdx(gunzipSync(readFileSync(file)), file);
}
