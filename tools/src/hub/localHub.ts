import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export interface LocalHubOptions {
  /** Where deploy/setup.sh registered the kernel (its --kernel-prefix). */
  kernelPrefix: string;
  /** The installed start hook (its --bin-dir plus tsdl-handout). */
  handoutHook: string;
  /** The course checkout: packages the hook links into each home. */
  courseDir: string;
  /** The learner notebooks the hook hands out (its --release-dir). */
  handoutDir: string;
  jupyterhub?: string;
  singleuser?: string;
}

/** A JupyterHub on loopback, run as the Debian package runs it, with an admin token for its REST API. */
export interface LocalHub {
  url: string;
  homeRoot: string;
  /** A Hub REST API call as the admin service; throws on a status other than 2xx. */
  api<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const py = (value: unknown) => JSON.stringify(value);

function hubConfig(options: Required<LocalHubOptions>, dir: string, ports: number[], adminToken: string): string {
  const [port, hubPort, proxyApiPort] = ports;
  return `# Written by tools/src/hub/localHub.ts: a hub for tests and measurements, never for learners.
import os
c = get_config()
c.JupyterHub.bind_url = ${py(`http://127.0.0.1:${port}`)}
c.JupyterHub.hub_bind_url = ${py(`http://127.0.0.1:${hubPort}`)}
c.ConfigurableHTTPProxy.api_url = ${py(`http://127.0.0.1:${proxyApiPort}`)}
# Debian's proxy keeps its modules in /usr/share/nodejs, where only Debian's own node looks by default.
c.ConfigurableHTTPProxy.command = ["/usr/bin/env", "NODE_PATH=/usr/share/nodejs", "configurable-http-proxy"]
c.JupyterHub.db_url = ${py(`sqlite:///${path.join(dir, "jupyterhub.sqlite")}`)}
c.JupyterHub.cookie_secret_file = ${py(path.join(dir, "cookie_secret"))}
c.JupyterHub.cleanup_servers = True
# Learners never log in here: the test speaks to the REST API with tokens.
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
# Every learner runs as this process's user, in a home of its own (SimpleLocalProcessSpawner needs no system users).
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = ${py(path.join(dir, "home", "{username}"))}
# The image's start hook, then the single-user server (Debian ships the classic Notebook 6 server).
c.Spawner.cmd = ["/bin/sh", "-c", '"$0" && exec "$1" "$@"', ${py(options.handoutHook)}, ${py(options.singleuser)}]
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.environment = {
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    "JUPYTER_PATH": ${py(path.join(options.kernelPrefix, "share", "jupyter"))},
    "TSDL_COURSE_DIR": ${py(options.courseDir)},
    "TSDL_HANDOUT_DIR": ${py(options.handoutDir)},
}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.services = [{"name": "tsdl-admin", "api_token": ${py(adminToken)}}]
c.JupyterHub.load_roles = [{"name": "tsdl-admin", "scopes": ["admin:users", "admin:servers", "tokens"], "services": ["tsdl-admin"]}]
`;
}

/** Starts JupyterHub on free loopback ports and waits until its API answers. */
export async function startLocalHub(given: LocalHubOptions): Promise<LocalHub> {
  const options: Required<LocalHubOptions> = { jupyterhub: "/usr/bin/jupyterhub", singleuser: "/usr/bin/jupyterhub-singleuser", ...given };
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsdl-hub-"));
  const homeRoot = path.join(dir, "home");
  mkdirSync(homeRoot);
  const ports = [await freePort(), await freePort(), await freePort()];
  const adminToken = randomBytes(24).toString("hex");
  writeFileSync(path.join(dir, "jupyterhub_config.py"), hubConfig(options, dir, ports, adminToken));
  const hub: ChildProcess = spawn(options.jupyterhub, ["-f", path.join(dir, "jupyterhub_config.py")], {
    cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  let log = "";
  hub.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  hub.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => hub.on("exit", () => { exited = true; resolve(); }));
  const url = `http://127.0.0.1:${ports[0]}`;

  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/hub/api${route}`, {
      method, headers: { Authorization: `token ${adminToken}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Hub API ${method} ${route} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const stop = async () => {
    if (!exited) {
      // SIGTERM lets the hub stop every learner's server (cleanup_servers) and its proxy.
      hub.kill("SIGTERM");
      const timer = setTimeout(() => hub.kill("SIGKILL"), 30_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`jupyterhub exited while starting:\n${log.slice(-3000)}`);
    try {
      await api("GET", "/");
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`jupyterhub did not answer on ${url} within 60 s (${(error as Error).message}):\n${log.slice(-3000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return { url, homeRoot, api, log: () => log, stop };
}
