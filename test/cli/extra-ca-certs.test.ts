// NODE_EXTRA_CA_CERTS under the `pyts` command: its launcher starts Node without the variable
// (Node 20 parses the file at every start) and pyts puts it back, so the program's environment,
// its subprocesses and the runtime's TLS connections (urlopen on its helper thread, aiohttp)
// behave as when Node loads the file itself: a server whose certificate only that file's CA
// signed is trusted, and is not without the variable.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLI, runProcess } from "../support/fixtures.js";

let work: string;
let server: https.Server;
let url: string;

const PROGRAM = `import asyncio
import os
import subprocess
import sys
import urllib.request

import aiohttp

url, expected = sys.argv[1], sys.argv[2]
print("environ", os.environ.get("NODE_EXTRA_CA_CERTS") == expected, "PYTS_EXTRA_CA_CERTS" in os.environ)
child = subprocess.run(["sh", "-c", "echo $NODE_EXTRA_CA_CERTS"], capture_output=True, text=True)
print("subprocess", child.stdout.strip() == expected)
try:
    with urllib.request.urlopen(url) as response:
        print("urlopen", response.status, response.read().decode())
except Exception as e:
    print("urlopen failed", type(e).__name__)


async def main():
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url) as response:
                print("aiohttp", response.status, await response.text())
        except Exception as e:
            print("aiohttp failed", type(e).__name__)


asyncio.run(main())
`;

/** Runs `openssl ARGS` in the work folder, failing the test where it fails. */
function openssl(...args: string[]): void {
  const result = spawnSync("openssl", args, { cwd: work, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")}: ${result.stderr || String(result.error)}`);
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-extra-ca-"));
  // A CA of our own, and a certificate for 127.0.0.1 it signs.
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=pyts test CA");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  fs.writeFileSync(path.join(work, "ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf");
  fs.writeFileSync(path.join(work, "main.py"), PROGRAM);
  const read = (name: string): Buffer => fs.readFileSync(path.join(work, name));
  server = https.createServer({ key: read("server.key"), cert: read("server.pem") }, (_request, response) => response.end("hello over TLS"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as { port: number }).port}/`;
}, 60_000);

afterAll(() => {
  server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** `main.py` run with NODE_EXTRA_CA_CERTS set to `certs`, by the `pyts` command itself or by `node main.js`. */
function run(certs: string, how: "command" | "node") {
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: certs, PYTS_CACHE_DIR: path.join(work, ".cache") };
  const [command, args] = how === "command" ? [CLI, ["run", "main.py", url, certs]] : [process.execPath, [CLI, "run", "main.py", url, certs]];
  return runProcess(command, args, { cwd: work, env });
}

describe("NODE_EXTRA_CA_CERTS", { timeout: 120_000 }, () => {
  test("the pyts command trusts the file's CA, and the program and its subprocesses see the variable", async () => {
    const result = await run(path.join(work, "ca.pem"), "command");
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("environ True False\nsubprocess True\nurlopen 200 hello over TLS\naiohttp 200 hello over TLS\n");
  });

  test("the same under `node main.js`, where Node loads the file itself", async () => {
    const result = await run(path.join(work, "ca.pem"), "node");
    expect(result.stdout).toBe("environ True False\nsubprocess True\nurlopen 200 hello over TLS\naiohttp 200 hello over TLS\n");
  });

  test("without the variable the server's certificate is not trusted", async () => {
    const result = await run("", "command");
    expect(result.stdout).toBe("environ True False\nsubprocess True\nurlopen failed URLError\naiohttp failed ClientConnectorError\n");
  });
});
