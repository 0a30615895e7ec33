// http.server.CGIHTTPRequestHandler (Lib/http/server.py): SimpleHTTPRequestHandler that runs
// the executable files under cgi_directories as CGI scripts, as CPython does where it can fork:
// the script itself is executed (as user nobody when the server runs as root), with the CGI
// environment, the request body on its standard input, and its output sent to the client
// after "200 Script output follows". Its standard error is the server's.

import { nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { IndexError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { iterable } from "../values/iteration.js";
import { str } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { pyClass } from "./callable-class.js";
import { SimpleHTTPRequestHandler } from "./http-server-simple.js";
import { settle } from "./http-server.js";
import type { SocketFile } from "./socket-file.js";

let nobody: bigint | null = null;

/** The uid of user "nobody" (one past the largest uid without it), as http.server's nobody_uid(). */
export function nobodyUid(): bigint {
  if (nobody !== null) return nobody;
  const fs = nodeModule("node:fs");
  const users = String(fs.readFileSync("/etc/passwd", "utf8")).split("\n").map((line) => line.split(":")).filter((f) => f.length > 2);
  const entry = users.find((f) => f[0] === "nobody");
  nobody = entry !== undefined ? BigInt(entry[2]!) : 1n + users.reduce((max, f) => (BigInt(f[2]!) > max ? BigInt(f[2]!) : max), 0n);
  return nobody;
}

/** `executable(path)`: may this process run the file (os.access with X_OK)? */
export function executable(path: unknown): boolean {
  const fs = nodeModule("node:fs");
  try {
    fs.accessSync(str(path), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function unquote(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** http.server's _url_collapse_path: the path with `.` and `..` resolved (IndexError past the root), the query kept. */
export function collapsePath(url: string): string {
  const at = url.indexOf("?");
  const query = at < 0 ? "" : url.slice(at + 1);
  const parts = unquote(at < 0 ? url : url.slice(0, at)).split("/");
  const head: string[] = [];
  const pop = (): void => {
    if (head.pop() === undefined) throw new IndexError("pop from empty list");
  };
  for (const part of parts.slice(0, -1)) {
    if (part === "..") pop();
    else if (part !== "" && part !== ".") head.push(part);
  }
  let tail = parts[parts.length - 1]!;
  if (tail === "..") {
    pop();
    tail = "";
  } else if (tail === ".") tail = "";
  if (query !== "") tail = `${tail}?${query}`;
  return `/${head.join("/")}/${tail}`;
}

const isDir = (p: string): boolean => nodeModule("node:fs").statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

export class CGIHTTPRequestHandler extends SimpleHTTPRequestHandler {
  static override readonly pythonName: string = "CGIHTTPRequestHandler";
  static have_fork = true;
  static override rbufsize = 0n;
  static cgi_directories = ["/cgi-bin", "/htbin"];

  // (reading the request body waits in a threaded program: these await run_cgi)
  override async do_GET(): Promise<any> {
    const f = await settle(this.send_head());
    if (f) {
      try {
        this.copyfile(f, this.wfile);
      } finally {
        callMethod(f, "close");
      }
    }
    return null;
  }

  override async do_HEAD(): Promise<any> {
    const f = await settle(this.send_head());
    if (f) callMethod(f, "close");
    return null;
  }

  async do_POST(): Promise<any> {
    if (this.is_cgi()) await this.run_cgi();
    else this.send_error(501n, "Can only POST to CGI scripts");
    return null;
  }

  override send_head(): any {
    return this.is_cgi() ? this.run_cgi() : super.send_head();
  }

  /** Is the path under one of cgi_directories? Sets cgi_info to (directory, the rest). */
  is_cgi(): boolean {
    const collapsed = collapsePath(str(this.path));
    const directories = Array.from(iterable(this.setting("cgi_directories")), (d) => str(d));
    let sep = collapsed.indexOf("/", 1);
    while (sep > 0 && !directories.includes(collapsed.slice(0, sep))) sep = collapsed.indexOf("/", sep + 1);
    if (sep <= 0) return false;
    this.cgi_info = [collapsed.slice(0, sep), collapsed.slice(sep + 1)];
    return true;
  }

  is_executable(path: unknown): boolean {
    return executable(path);
  }

  is_python(path: unknown): boolean {
    return /\.pyw?$/i.test(str(path).replace(/^.*\//, "").replace(/^\.+/, ""));
  }

  async run_cgi(): Promise<any> {
    let [dir, rest] = Array.from(iterable(this.cgi_info), (x) => str(x)) as [string, string];
    // the deepest existing folder is the script's
    const path = `${dir}/${rest}`;
    let i = path.indexOf("/", dir.length + 1);
    while (i >= 0 && isDir(str(this.translate_path(path.slice(0, i))))) {
      [dir, rest] = [path.slice(0, i), path.slice(i + 1)];
      i = path.indexOf("/", dir.length + 1);
    }
    const q = rest.indexOf("?");
    const query = q < 0 ? "" : rest.slice(q + 1);
    if (q >= 0) rest = rest.slice(0, q);
    const slash = rest.indexOf("/");
    const script = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? "" : rest.slice(slash);
    const scriptname = `${dir}/${script}`;
    const scriptfile = str(this.translate_path(scriptname));
    const fs = nodeModule("node:fs");
    const stat = fs.statSync(scriptfile, { throwIfNoEntry: false });
    const quoted = `'${scriptname.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
    if (stat === undefined) return this.refuse(404n, `No such CGI script (${quoted})`);
    if (!stat.isFile()) return this.refuse(403n, `CGI script is not a plain file (${quoted})`);
    if ((truthy(this.setting("have_fork")) || !truthy(this.is_python(scriptname))) && !truthy(this.is_executable(scriptfile))) {
      return this.refuse(403n, `CGI script is not executable (${quoted})`);
    }
    const env = this.environment(scriptname, rest, query);
    const length = Number(env["CONTENT_LENGTH"] || "0");
    const body = length > 0 ? ((await settle(callMethod(this.rfile, "read", BigInt(length)))) as Uint8Array) : new Uint8Array(0);
    this.send_response(200n, "Script output follows");
    this.flush_headers();
    const decodedQuery = query.replace(/\+/g, " ");
    const args = decodedQuery.includes("=") ? [] : [decodedQuery];
    const proc = nodeProcess()!;
    const uid = proc.getuid?.() === 0 ? Number(nobodyUid()) : undefined;
    const child = nodeModule("node:child_process").spawnSync(scriptfile, args, { argv0: script, env, input: body, stdio: ["pipe", "pipe", "inherit"], uid, maxBuffer: 1 << 30 });
    if (child.stdout !== null && child.stdout.length > 0) (this.wfile as SocketFile).write(Bytes.fromArray(child.stdout));
    const exitcode = child.error !== undefined ? 127 : child.signal !== null ? -(nodeModule("node:os").constants.signals[child.signal] ?? 0) : (child.status ?? 0);
    if (exitcode !== 0) this.log_error(`CGI script exit code ${exitcode}`);
    return null;
  }

  /** A setting the instance or its class holds (`cgi_directories`, `have_fork`, ...). */
  private setting(name: string): unknown {
    const own = (this as Record<string, unknown>)[name];
    return own !== undefined ? own : (this.constructor as unknown as Record<string, unknown>)[name];
  }

  private refuse(code: bigint, message: string): null {
    this.send_error(code, message);
    return null;
  }

  /** The CGI variables CPython sets, over a copy of the server's environment. */
  private environment(scriptname: string, rest: string, query: string): Record<string, string> {
    const env: Record<string, string> = { ...nodeProcess()!.env } as Record<string, string>;
    const header = (name: string): string | null => {
      const value = callMethod(this.headers, "get", name);
      return value === null || value === undefined ? null : str(value);
    };
    const all = (name: string): string[] => Array.from(iterable(callMethod(this.headers, "get_all", name, [])), (v) => str(v)).filter((v) => v !== "");
    env["SERVER_SOFTWARE"] = str(this.version_string());
    env["SERVER_NAME"] = str(this.server.server_name);
    env["GATEWAY_INTERFACE"] = "CGI/1.1";
    env["SERVER_PROTOCOL"] = str(this.setting("protocol_version"));
    env["SERVER_PORT"] = str(this.server.server_port);
    env["REQUEST_METHOD"] = str(this.command);
    const uqrest = unquote(rest);
    env["PATH_INFO"] = uqrest;
    env["PATH_TRANSLATED"] = str(this.translate_path(uqrest));
    env["SCRIPT_NAME"] = scriptname;
    env["QUERY_STRING"] = query;
    env["REMOTE_ADDR"] = str(callMethod(this.client_address, "__getitem__", 0n));
    const authorization = header("authorization")?.split(/\s+/).filter((w) => w !== "") ?? [];
    if (authorization.length === 2) {
      env["AUTH_TYPE"] = authorization[0]!;
      if (authorization[0]!.toLowerCase() === "basic") {
        const decoded = Buffer.from(authorization[1]!, "base64").toString("latin1").split(":");
        if (decoded.length === 2) env["REMOTE_USER"] = decoded[0]!;
      }
    }
    env["CONTENT_TYPE"] = header("content-type") ?? str(callMethod(this.headers, "get_content_type"));
    const length = header("content-length");
    if (length) env["CONTENT_LENGTH"] = length;
    const referer = header("referer");
    if (referer) env["HTTP_REFERER"] = referer;
    env["HTTP_ACCEPT"] = all("accept").join(",");
    const agent = header("user-agent");
    if (agent) env["HTTP_USER_AGENT"] = agent;
    const cookies = all("cookie").join(", ");
    if (cookies) env["HTTP_COOKIE"] = cookies;
    for (const key of ["QUERY_STRING", "REMOTE_HOST", "CONTENT_LENGTH", "HTTP_USER_AGENT", "HTTP_COOKIE", "HTTP_REFERER"]) env[key] ??= "";
    return env;
  }
}

export const CGIHTTPRequestHandlerClass = pyClass(CGIHTTPRequestHandler);
