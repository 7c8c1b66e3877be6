import { availableParallelism } from "node:os";

// PyTorch runs on every core whatever the machine's load, so wasm does too (lib alone would drop to
// one thread on a busy machine): like against like. TSDL_WASM_THREADS still overrides.
process.env.TSDL_WASM_THREADS ??= String(availableParallelism());
await import("./bench.js");
