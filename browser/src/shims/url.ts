export const fileURLToPath = (url: string | URL) => decodeURIComponent(new URL(url).pathname);
export const pathToFileURL = (path: string) => new URL(`file://${encodeURI(path)}`);
export const URL = globalThis.URL;
export default { fileURLToPath, pathToFileURL, URL };
