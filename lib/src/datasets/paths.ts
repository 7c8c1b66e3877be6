import { fileURLToPath } from "node:url";
import path from "node:path";

/**
 * The environment variable that points the loaders at another copy of `data/`.
 */
const DATA_DIR_ENV = "TSDL_DATA_DIR";

/**
 * The folder holding the course's data sets (the repository's `data/`, from source or built code).
 */
function dataDir(): string {
  const override = process.env[DATA_DIR_ENV];
  if (override) return path.resolve(override);
  return fileURLToPath(new URL("../../../data/", import.meta.url));
}

/** Taught in notebooks/03-preprocessing.ipynb. */
export function dataFile(relative: string): string {
  return path.join(dataDir(), relative);
}
