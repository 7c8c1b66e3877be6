import { pageWords } from "./pageWords.js";

/** A notebook as the page hands it to the learner: sources only, solutions already stripped. */
export interface PageNotebook {
  cells: Array<{ id: string; cell_type: "markdown" | "code"; source: string; metadata: Record<string, unknown> }>;
  metadata: Record<string, unknown>;
  file: string;
}

/** What the runtime's <script> files put on the page (file:// allows no fetch, so data arrives as scripts). */
export interface LiveGlobal {
  workerSource?: string;
  wasmBase64?: string;
  data?: Array<{ path: string; sha256: string; gzipped: boolean; base64: string }>;
  dataFiles?: string[];
  notebook?: PageNotebook;
  env?: Record<string, string>;
}

const KEY = "__tsdlLive";

export function liveGlobal(): LiveGlobal {
  const target = globalThis as unknown as Record<string, LiveGlobal | undefined>;
  return (target[KEY] ??= {});
}

// Read while page.js itself runs, when document.currentScript is page.js.
const pageScript = (document.currentScript as HTMLScriptElement | null)?.src ?? "";

/** The folder of the runtime's scripts (`…/live/`). */
export function scriptBase(): string {
  return pageScript.slice(0, pageScript.lastIndexOf("/") + 1);
}

export function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(pageWords.scriptFailed(src)));
    document.head.append(script);
  });
}
