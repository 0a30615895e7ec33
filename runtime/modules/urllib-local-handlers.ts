// urllib.request's handlers that need no network: FileHandler (file: URLs on this host) and
// DataHandler (RFC 2397 data: URLs); the FTP handlers are in urllib-ftp.ts. Their responses
// are urllib.response.addinfourl objects, as in CPython.

import { Bytes } from "../values/bytes.js";
import { OSError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { Tuple } from "../values/tuple.js";
import { nodeModule } from "../core/host.js";
import { BytesIO } from "../lang/io-memory.js";
import { isNone } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { guessedType } from "./http-server-simple.js";
import { urllibParseModule } from "./urllib-parse.js";
import { BaseHandler, classAttribute } from "./urllib-opener.js";
import { URLError } from "./urllib-errors.js";
import { splitPort } from "./urllib-split.js";
import type { Request } from "./urllib-request-object.js";

type Req = Request & Record<string, unknown>;

/** `urllib.response.addinfourl(fp, headers, url, code=None)`: a file-like response. */
/**
 * What an addinfourl reads off its file (CPython's wrapper finds them on the file through
 * __getattr__: instance attributes here, none of the class's).
 */
const delegate = (name: string): PropertyDescriptor => ({
  value(this: { fp: unknown }, ...args: unknown[]): unknown {
    return callMethod(this.fp, name, ...args);
  },
  writable: true,
  configurable: true,
});
const FILE_ATTRIBUTES: PropertyDescriptorMap = {
  read: delegate("read"),
  readline: delegate("readline"),
  readlines: delegate("readlines"),
  closed: {
    get(this: { fp: unknown }): unknown {
      return (this.fp as { closed?: unknown }).closed ?? true;
    },
    configurable: true,
  },
};

export class addinfourl {
  static pythonName = "addinfourl";
  static __module__ = "urllib.response";
  declare fp: unknown;
  declare headers: unknown;
  declare url: unknown;
  declare code: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attr: string]: any;
  constructor(fp: unknown, headers: unknown, url: unknown, code: unknown = null) {
    this.fp = fp;
    this.headers = headers;
    this.url = url;
    this.code = code;
    Object.defineProperties(this, FILE_ATTRIBUTES);
  }
  get status(): unknown {
    return this.code;
  }
  getcode(): unknown {
    return this.code;
  }
  geturl(): unknown {
    return this.url;
  }
  info(): unknown {
    return this.headers;
  }
  __iter__(): unknown {
    return callMethod(this.fp, "__iter__");
  }
  *[Symbol.iterator](): Iterator<unknown> {
    yield* this.fp as Iterable<unknown>;
  }
  close(): null {
    if (!isNone(this.fp)) callMethod(this.fp, "close");
    return null;
  }
  __enter__(): this {
    return this;
  }
  __exit__(..._exc: unknown[]): null {
    return this.close();
  }
}

function headersOf(pairs: [string, string][]): HttpHeaders {
  return new HttpHeaders(pairs);
}

/** The addresses of this host that a file: URL may name (FileHandler.names). */
function localNames(): Tuple {
  return Tuple.of("127.0.0.1");
}

export class FileHandler extends BaseHandler {
  static override pythonName = "FileHandler";
  static {
    classAttribute(this, "names", null);
  }

  get_names(): Tuple {
    return localNames();
  }

  file_open(req: Req): unknown {
    const url = req.selector;
    if (url.startsWith("//") && url.charAt(2) !== "/" && req.host && req.host !== "localhost") {
      if (!Array.from(callMethod(this, "get_names") as Iterable<unknown>).includes(req.host)) throw new URLError("file:// scheme is supported only on localhost");
      return null;
    }
    return this.open_local_file(req);
  }

  open_local_file(req: Req): unknown {
    const fs = nodeModule("node:fs");
    let host = req.host;
    const filename = req.selector;
    const localfile = urllibParseModule.unquote(filename);
    let stats: { size: number; mtimeMs: number };
    let content: Uint8Array;
    try {
      stats = fs.statSync(localfile);
      content = fs.readFileSync(localfile);
    } catch (error) {
      const e = error as { code?: string; errno?: number };
      const messages: Record<string, [bigint, string]> = {
        ENOENT: [2n, "No such file or directory"], EACCES: [13n, "Permission denied"], EISDIR: [21n, "Is a directory"],
      };
      const [errno, text] = messages[e.code ?? ""] ?? [5n, String(e.code)];
      throw new URLError(new OSError(errno, text, localfile));
    }
    const mtype = guessedType(filename);
    const headers = headersOf([
      ["Content-type", mtype ?? "text/plain"],
      ["Content-length", String(stats.size)],
      ["Last-modified", new Date(Math.floor(stats.mtimeMs / 1000) * 1000).toUTCString()],
    ]);
    let port: string | null = null;
    if (host) [host, port] = splitPort(host);
    if (!host || (!port && (host === "localhost" || Array.from(localNames()).includes(host)))) {
      const origurl = host ? `file://${host}${filename}` : `file://${filename}`;
      return new addinfourl(new BytesIO(Bytes.fromArray(content)), headers, origurl);
    }
    throw new URLError("file not on local host");
  }
}

export class DataHandler extends BaseHandler {
  static override pythonName = "DataHandler";
  data_open(req: Req): unknown {
    const url = req.full_url;
    const afterScheme = url.slice(url.indexOf(":") + 1);
    const comma = afterScheme.indexOf(",");
    let mediatype = afterScheme.slice(0, comma);
    let data: Uint8Array = urllibParseModule.unquote_to_bytes(afterScheme.slice(comma + 1));
    if (mediatype.endsWith(";base64")) {
      const text = Array.from(new Uint8Array(data), (b) => String.fromCharCode(b)).join("").replace(/[^A-Za-z0-9+/=]/g, "");
      data = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
      mediatype = mediatype.slice(0, -7);
    }
    if (!mediatype) mediatype = "text/plain;charset=US-ASCII";
    const headers = headersOf([
      ["Content-type", mediatype],
      ["Content-length", String(data.length)],
    ]);
    return new addinfourl(new BytesIO(Bytes.fromArray(data)), headers, url);
  }
}
