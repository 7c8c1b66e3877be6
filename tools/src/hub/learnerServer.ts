import { ServerConnection } from "@jupyterlab/services";
import type { LocalHub } from "./localHub.js";

export interface LearnerServer {
  name: string;
  /** The learner's own API token, as the hub hands it to the learner's browser. */
  token: string;
  settings: ServerConnection.ISettings;
  /** From asking the hub to start the server until the server answered as ready. */
  startMs: number;
}

interface UserModel {
  servers?: Record<string, { ready: boolean; pending: string | null }>;
}

/** Creates `name` on the hub, starts its server through the REST API and waits until it is ready. */
export async function startLearnerServer(hub: LocalHub, name: string, timeoutMs = 180_000): Promise<LearnerServer> {
  const started = performance.now();
  await hub.api("POST", `/users/${encodeURIComponent(name)}`);
  await hub.api("POST", `/users/${encodeURIComponent(name)}/server`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const user = await hub.api<UserModel>("GET", `/users/${encodeURIComponent(name)}`);
    const server = user.servers?.[""];
    if (server?.ready) break;
    if (!server) throw new Error(`the hub stopped the server of ${name} while starting it:\n${hub.log().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`the server of ${name} was not ready within ${timeoutMs} ms (pending: ${server.pending})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const startMs = performance.now() - started;
  const { token } = await hub.api<{ token: string }>("POST", `/users/${encodeURIComponent(name)}/tokens`, { note: "tsdl hub test" });
  const baseUrl = `${hub.url}/user/${encodeURIComponent(name)}/`;
  // In Node the services package speaks WebSocket through its own `ws` dependency.
  const settings = ServerConnection.makeSettings({ baseUrl, token, appendToken: true });
  return { name, token, settings, startMs };
}
