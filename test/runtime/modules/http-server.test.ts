// http.server's request log on stderr (its time stamp varies, so compared with CPython's after
// replacing it), and a server stopped by shutdown() letting the program end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runPyts } from "../../support/fixtures.js";

const PROGRAM = `
import http.server
import threading
import urllib.request
import urllib.error


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/gone":
            self.send_error(410)
            return
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
thread = threading.Thread(target=server.serve_forever)
thread.start()
base = f"http://127.0.0.1:{server.server_port}"
print(urllib.request.urlopen(base + "/a?b=1").read())
try:
    urllib.request.urlopen(base + "/gone")
except urllib.error.HTTPError as e:
    print(e.code, e.reason)
server.shutdown()
server.server_close()
thread.join()
print("done")
`;

const STAMP = /\[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\]/g;

describe("http.server", () => {
  it("logs each request on stderr in CPython's format, and stops on shutdown()", { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-http-server-"));
    const file = path.join(dir, "server_log.py");
    fs.writeFileSync(file, PROGRAM);
    try {
      const result = await runPyts(["run", "--no-cache", file]);
      const cpython = spawnSync("python3", [file], { encoding: "utf8" });
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(cpython.stdout);
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line).toMatch(/^127\.0\.0\.1 - - \[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\] /);
      expect(result.stderr.replace(STAMP, "[stamp]")).toBe(cpython.stderr.replace(STAMP, "[stamp]"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
