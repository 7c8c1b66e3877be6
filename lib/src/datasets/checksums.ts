import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dataFile } from "./paths.js";

export interface ChecksumResult {
  file: string;
  expected: string;
  actual: string | null;
  ok: boolean;
}

/**
 * Checks every file listed in `data/SHA256SUMS` against its recorded sha256.
 *
 * Taught in no notebook yet.
 */
export function verifyDataChecksums(): ChecksumResult[] {
  const listing = readFileSync(dataFile("SHA256SUMS"), "utf8");
  return listing
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [expected, file] = line.split(/\s+\*?/, 2) as [string, string];
      const full = dataFile(file);
      const actual = existsSync(full)
        ? createHash("sha256").update(readFileSync(full)).digest("hex")
        : null;
      return { file, expected, actual, ok: actual === expected };
    });
}
