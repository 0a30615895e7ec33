// http.server.SimpleHTTPRequestHandler (Lib/http/server.py): serves the files of a directory
// (the current one, or `directory=`), a listing for a folder without index.html, 301 to the
// folder's URL with a slash, 404 for what is missing, with CPython's headers and HTML.

import { Bytes } from "../values/bytes.js";
import { splitKw } from "../values/kwargs.js";
import { str } from "../values/repr.js";
import { Dict } from "../values/dict.js";
import { nodeModule } from "../core/host.js";
import { BytesIO } from "../lang/io-memory.js";
import { callMethod } from "../values/methods.js";
import { pyClass } from "./callable-class.js";
import { BaseHTTPRequestHandler } from "./http-server.js";
import type { SocketFile } from "./socket-file.js";

/** What `mimetypes.guess_type` answers for the common extensions (CPython's table). */
const TYPES: Record<string, string> = {
  ".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".css": "text/css", ".js": "text/javascript",
  ".mjs": "text/javascript", ".json": "application/json", ".xml": "text/xml", ".csv": "text/csv", ".md": "text/markdown",
  ".py": "text/x-python", ".c": "text/plain", ".h": "text/plain", ".png": "image/png", ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml", ".ico": "image/vnd.microsoft.icon",
  ".webp": "image/webp", ".pdf": "application/pdf", ".zip": "application/zip", ".tar": "application/x-tar",
  ".wasm": "application/wasm", ".mp3": "audio/mpeg", ".mp4": "video/mp4", ".wav": "audio/x-wav", ".sh": "application/x-sh",
};
const ENCODINGS: Record<string, string> = { ".gz": "application/gzip", ".Z": "application/octet-stream", ".bz2": "application/x-bzip2", ".xz": "application/x-xz" };

/** `mimetypes.guess_type(path)[0]` for the extensions of the table above (null: unknown). */
export function guessedType(path: string): string | null {
  const dot = path.lastIndexOf(".");
  const ext = dot > path.lastIndexOf("/") ? path.slice(dot).toLowerCase() : "";
  return TYPES[ext] ?? null;
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** urllib.parse.quote(s) with its default safe "/". */
function quote(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => (/[A-Za-z0-9_.\-~/]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

function unquote(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export class SimpleHTTPRequestHandler extends BaseHTTPRequestHandler {
  static override readonly pythonName: string = "SimpleHTTPRequestHandler";
  static override server_version = "SimpleHTTP/0.6";
  static extensions_map = new Dict<string, string>(Object.entries(ENCODINGS));

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    super(pos[0] ?? kws["request"], pos[1] ?? kws["client_address"], pos[2] ?? kws["server"]);
    const directory = kws["directory"];
    this.directory = directory === undefined || directory === null ? process.cwd() : typeof directory === "string" ? directory : str(callMethod(directory, "__fspath__"));
  }

  do_GET(): any {
    const f = this.send_head();
    if (f) {
      try {
        this.copyfile(f, this.wfile);
      } finally {
        callMethod(f, "close");
      }
    }
    return null;
  }

  do_HEAD(): any {
    const f = this.send_head();
    if (f) callMethod(f, "close");
    return null;
  }

  send_head(): any {
    const fs = nodeModule("node:fs");
    const pathMod = nodeModule("node:path");
    let path = str(this.translate_path(this.path));
    if (isDir(path)) {
      const url = new URL(String(this.path), "http://x");
      if (!url.pathname.endsWith("/")) {
        this.send_response(301n);
        this.send_header("Location", `${url.pathname}/${url.search}${url.hash}`);
        this.send_header("Content-Length", "0");
        this.end_headers();
        return null;
      }
      const index = ["index.html", "index.htm"].map((n) => pathMod.join(path, n)).find((p) => isFile(p));
      if (index === undefined) return this.list_directory(path);
      path = index;
    }
    const ctype = this.guess_type(path);
    if (path.endsWith("/")) {
      this.send_error(404n, "File not found");
      return null;
    }
    let data: Uint8Array;
    let mtime: number;
    try {
      data = fs.readFileSync(path);
      mtime = fs.statSync(path).mtimeMs / 1000;
    } catch {
      this.send_error(404n, "File not found");
      return null;
    }
    this.send_response(200n);
    this.send_header("Content-type", ctype);
    this.send_header("Content-Length", String(data.length));
    this.send_header("Last-Modified", this.date_time_string(mtime));
    this.end_headers();
    return new BytesIO(Bytes.fromArray(data));
  }

  list_directory(path: unknown): any {
    const fs = nodeModule("node:fs");
    const pathMod = nodeModule("node:path");
    let names: string[];
    try {
      names = fs.readdirSync(str(path));
    } catch {
      this.send_error(404n, "No permission to list directory");
      return null;
    }
    names.sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const displaypath = htmlEscape(unquote(String(this.path)));
    const title = `Directory listing for ${displaypath}`;
    const r = ["<!DOCTYPE HTML>", '<html lang="en">', "<head>", '<meta charset="utf-8">', `<title>${title}</title>\n</head>`, `<body>\n<h1>${title}</h1>`, "<hr>\n<ul>"];
    for (const name of names) {
      const full = pathMod.join(str(path), name);
      let displayname = name;
      let linkname = name;
      if (isDir(full)) {
        displayname = name + "/";
        linkname = name + "/";
      }
      if (isLink(full)) displayname = name + "@";
      r.push(`<li><a href="${quote(linkname)}">${htmlEscape(displayname)}</a></li>`);
    }
    r.push("</ul>\n<hr>\n</body>\n</html>\n");
    const encoded = new TextEncoder().encode(r.join("\n"));
    this.send_response(200n);
    this.send_header("Content-type", "text/html; charset=utf-8");
    this.send_header("Content-Length", String(encoded.length));
    this.end_headers();
    return new BytesIO(Bytes.fromArray(encoded));
  }

  translate_path(path: unknown): any {
    const posix = nodeModule("node:path").posix;
    let p = str(path).split("?")[0]!.split("#")[0]!;
    const trailingSlash = p.trimEnd().endsWith("/");
    p = posix.normalize(unquote(p));
    let out = String(this.directory);
    for (const word of p.split("/").filter((w) => w !== "")) {
      if (word.includes("/") || word === "." || word === "..") continue;
      out = posix.join(out, word);
    }
    return trailingSlash ? out + "/" : out;
  }

  copyfile(source: unknown, outputfile: unknown): any {
    const data = callMethod(source, "read") as Bytes;
    (outputfile as SocketFile).write(data);
    return null;
  }

  guess_type(path: unknown): any {
    const p = str(path);
    const dot = p.lastIndexOf(".");
    const ext = dot > p.lastIndexOf("/") ? p.slice(dot) : "";
    const map = (this.constructor as unknown as { extensions_map: Dict<string, string> }).extensions_map;
    if (map.has(ext)) return map.get(ext);
    const lower = ext.toLowerCase();
    if (map.has(lower)) return map.get(lower);
    return TYPES[lower] ?? "application/octet-stream";
  }
}

function statOf(p: string, link = false): import("node:fs").Stats | null {
  try {
    const fs = nodeModule("node:fs");
    return link ? fs.lstatSync(p) : fs.statSync(p);
  } catch {
    return null;
  }
}
const isDir = (p: string): boolean => statOf(p)?.isDirectory() ?? false;
const isFile = (p: string): boolean => statOf(p)?.isFile() ?? false;
const isLink = (p: string): boolean => statOf(p, true)?.isSymbolicLink() ?? false;

export const SimpleHTTPRequestHandlerClass = pyClass(SimpleHTTPRequestHandler);
