export const tmpdir = () => "/tmp";
export const availableParallelism = () => globalThis.navigator?.hardwareConcurrency ?? 1;
export const cpus = () => Array.from({ length: availableParallelism() }, () => ({ model: "browser" }));
// A page cannot see the machine's load; zero makes wasm use one thread per core it is given.
export const loadavg = () => [0, 0, 0];
export const platform = () => "browser";
export const EOL = "\n";
export default { tmpdir, availableParallelism, cpus, loadavg, platform, EOL };
