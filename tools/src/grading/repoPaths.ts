import path from "node:path";
import { fileURLToPath } from "node:url";

// This file sits at tools/{src,dist}/grading/, so the repository root is three levels up either way.
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The compiled grading code; the bridge worker and the sandbox always run from here. */
export const gradingDist = path.join(repoRoot, "tools", "dist", "grading");

export const defaultNotebooksDir = path.join(repoRoot, "notebooks");
export const defaultTestsDir = path.join(repoRoot, "tests", "exercises");
