import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { binariesModuleSource, compileSimdKernels } from "./compileSimdKernels.js";

const folder = fileURLToPath(new URL("../../../lib/src/backend/wasmKernels/simd/", import.meta.url));
const binaries = await compileSimdKernels(readFileSync(`${folder}simdKernels.wat`, "utf8"));
writeFileSync(`${folder}simdKernelsBinary.ts`, binariesModuleSource(binaries));
console.log(`wrote ${folder}simdKernelsBinary.ts (${binaries.shared.length} and ${binaries.unshared.length} bytes)`);
