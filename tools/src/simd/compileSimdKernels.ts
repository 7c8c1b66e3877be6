import wabt from "wabt";

/** The memory import the source declares: the threaded build's shared memory. */
const SHARED_MEMORY = "(memory 1 65536 shared)";
/** The single-threaded build's memory is not shared; an import without a maximum accepts any size. */
const UNSHARED_MEMORY = "(memory 1)";

export interface SimdKernelBinaries {
  shared: Uint8Array;
  unshared: Uint8Array;
}

/** Compiles the kernels' text into a module for each kind of backend memory. */
export async function compileSimdKernels(wat: string): Promise<SimdKernelBinaries> {
  if (!wat.includes(SHARED_MEMORY)) throw new Error(`the kernels' source must import ${SHARED_MEMORY}`);
  const compiler = await wabt();
  const features = { simd: true, threads: true };
  const compile = (text: string) => {
    const module = compiler.parseWat("simdKernels.wat", text, features);
    try {
      // wabt's typings omit validate's features argument; without it shared memory is refused.
      (module.validate as (options: typeof features) => void)(features);
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  };
  return { shared: compile(wat), unshared: compile(wat.replace(SHARED_MEMORY, UNSHARED_MEMORY)) };
}

/** The TypeScript module that lib imports: both binaries in base64. */
export function binariesModuleSource({ shared, unshared }: SimdKernelBinaries): string {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  return [
    "// Written by `npm run simd` from simdKernels.wat; tests/lib/wasmKernels/simdKernels.test.ts checks it is current.",
    "",
    "/** For the threaded build's shared memory. */",
    `export const SHARED_MEMORY_MODULE = "${base64(shared)}";`,
    "",
    "/** For the single-threaded build's memory. */",
    `export const UNSHARED_MEMORY_MODULE = "${base64(unshared)}";`,
    "",
  ].join("\n");
}
