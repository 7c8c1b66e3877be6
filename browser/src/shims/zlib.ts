import { gunzipSync as gunzip } from "fflate";

export const gunzipSync = (bytes: Uint8Array) => Buffer.from(gunzip(bytes));
export default { gunzipSync };
