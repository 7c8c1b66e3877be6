import { jupyterOnly } from "./jupyterOnly.js";

export const randomUUID = () => globalThis.crypto.randomUUID();
// The runtime checks the data sets' sha256 itself (crypto.subtle) when it hands them over.
export function createHash(): never {
  throw jupyterOnly("crypto.createHash()");
}
export default { randomUUID, createHash };
