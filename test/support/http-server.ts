// A deterministic local HTTP server for the download examples and the module tests.
//
//   /slow/<ms>      answers 200 after <ms> milliseconds; the body is slowBody(<ms>)
//   /status/<code>  answers with that status code and a short text body
//   /json           answers a small JSON document
//   /echo           answers 200 with the request's method and path
// Anything else answers 404 Not Found.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** The body served for `/slow/<ms>`: one line per 100 ms of delay, so its size follows the path. */
export function slowBody(ms: number): string {
  const lines: string[] = [];
  const count = Math.max(1, Math.floor(ms / 100));
  for (let i = 1; i <= count; i++) lines.push(`line ${i} of the page that took ${ms} ms`);
  return lines.join("\n") + "\n";
}

export const JSON_DOCUMENT = { name: "pyts", lecture: 12, tags: ["coroutines", "asyncio"], ok: true };

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  const send = (status: number, body: string, type = "text/plain; charset=utf-8") => {
    res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  };
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/slow\/(\d+)$/))) {
    const ms = Number(m[1]);
    const timer = setTimeout(() => send(200, slowBody(ms)), ms);
    res.on("close", () => clearTimeout(timer));
  } else if ((m = path.match(/^\/status\/(\d{3})$/))) {
    const code = Number(m[1]);
    send(code, `status ${code}\n`);
  } else if (path === "/json") {
    send(200, JSON.stringify(JSON_DOCUMENT), "application/json");
  } else if (path === "/echo") {
    send(200, `${req.method} ${req.url}\n`);
  } else {
    send(404, "not found\n");
  }
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export function startServer(port = 0): Promise<RunningServer> {
  const server = http.createServer(handle);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Starts the same server in a separate Node process (test/support/serve.mjs). Needed whenever
 * the code under test blocks its own thread (urllib.request.urlopen, time.sleep): a server in
 * that thread could not answer meanwhile.
 */
export async function startServerProcess(): Promise<RunningServer> {
  const { spawn } = await import("node:child_process");
  const { fileURLToPath } = await import("node:url");
  const script = fileURLToPath(new URL("./serve.mjs", import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      text += chunk;
      const newline = text.indexOf("\n");
      if (newline >= 0) resolve(text.slice(0, newline).trim());
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`serve.mjs exited with status ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}
