// urllib.request's module-level names besides urlopen and Request: build_opener and
// install_opener, urlretrieve/urlcleanup, the path and header helpers, the proxy lookups
// (the legacy URLopener classes: urllib-legacy-opener.ts, urllib-fancy-opener.ts).

import { EOFError, OSError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { nodeModule } from "../core/host.js";
import { greenThreadsRun } from "../threads/scheduler.js";
import { isNone, pyClass } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { standardModule } from "./module-object.js";
import { HttpHeaders } from "./http-headers.js";
import { urllibParseModule } from "./urllib-parse.js";
import { BaseHandler, OpenerDirector, runFlow, settled, type Flow } from "./urllib-opener.js";
import {
  AbstractHTTPHandler, getproxies, HTTPDefaultErrorHandler, HTTPErrorProcessor, HTTPHandler, HTTPRedirectHandler,
  HTTPSHandler, ProxyHandler, proxyBypass, UnknownHandler,
} from "./urllib-handlers.js";
import {
  AbstractBasicAuthHandler, HTTPBasicAuthHandler, HTTPPasswordMgr, HTTPPasswordMgrWithDefaultRealm,
  HTTPPasswordMgrWithPriorAuth, ProxyBasicAuthHandler,
} from "./urllib-auth.js";
import { AbstractDigestAuthHandler, HTTPDigestAuthHandler, ProxyDigestAuthHandler } from "./urllib-digest.js";
import { HTTPCookieProcessor } from "./urllib-cookies.js";
import { DataHandler, FileHandler } from "./urllib-local-handlers.js";
import { CacheFTPHandler, FTPHandler, ftpCache, ftpwrapper } from "./urllib-ftp.js";
import { URLopener } from "./urllib-legacy-opener.js";
import { FancyURLopener } from "./urllib-fancy-opener.js";
import { ContentTooShortError, HTTPError, URLError } from "./urllib-errors.js";
import { requestHost } from "./urllib-request-object.js";
import { splitType, unwrapUrl } from "./urllib-split.js";
import { parseHttpList, parseKeqvList } from "./urllib-headers-parse.js";

/** The opener install_opener() set (null: urlopen's own). */
let installed: OpenerDirector | null = null;

export function installedOpener(): OpenerDirector | null {
  return installed;
}

function install_opener(opener: unknown): null {
  installed = isNone(opener) ? null : (opener as OpenerDirector);
  return null;
}

type HandlerClass = abstract new (...args: never[]) => object;

/** Is `check` (a class or an instance) `klass` or one of its kind? */
function isKind(check: unknown, klass: HandlerClass): boolean {
  if (typeof check === "function") return check === klass || (check as { prototype?: unknown }).prototype instanceof klass;
  return check instanceof klass;
}

/** build_opener(*handlers): the default handlers, less those a given handler replaces, then the given ones. */
export function build_opener(...handlers: unknown[]): OpenerDirector {
  const opener = new OpenerDirector();
  const defaults: (new () => object)[] = [
    ProxyHandler, UnknownHandler, HTTPHandler, HTTPDefaultErrorHandler, HTTPRedirectHandler, FTPHandler, FileHandler,
    HTTPErrorProcessor, DataHandler, HTTPSHandler,
  ];
  const kept = defaults.filter((klass) => !handlers.some((check) => isKind(check, klass)));
  for (const klass of kept) opener.add_handler(new klass());
  for (const h of handlers) opener.add_handler(typeof h === "function" ? callValue(h) : h);
  return opener;
}

/** urllib.request.urlopen (urllib.ts gives it: it imports this module). */
let urlopenHook: (...args: unknown[]) => unknown = () => null;
let threadUrlopenHook: (...args: unknown[]) => unknown = () => null;

export function useUrlopen(urlopen: (...args: unknown[]) => unknown, threadUrlopen: (...args: unknown[]) => unknown): void {
  urlopenHook = urlopen;
  threadUrlopenHook = threadUrlopen;
}

/** The temporary files urlretrieve() made, removed by urlcleanup(). */
const tempFiles: string[] = [];

export function urlretrieve(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  const url = str(pos[0] ?? kws["url"]);
  const filename = pos.length > 1 ? pos[1] : kws["filename"] ?? null;
  const reporthook = pos.length > 2 ? pos[2] : kws["reporthook"] ?? null;
  const data = pos.length > 3 ? pos[3] : kws["data"] ?? null;
  return runFlow(retrieveSteps(url, filename, reporthook, data));
}

function* retrieveSteps(url: string, filenameIn: unknown, reporthook: unknown, data: unknown): Flow<Tuple> {
  const fs = nodeModule("node:fs");
  const [urlType, path] = splitType(url);
  // (green threads running: a wait the others run through, as a server thread of the program)
  const opened = installed !== null ? installed.open(url, data) : greenThreadsRun() ? threadUrlopenHook(url, data) : urlopenHook(url, data);
  const fp = yield* settled(opened);
  let result: Tuple;
  let size = -1;
  let read = 0;
  try {
    const headers = callMethod(fp, "info");
    if (urlType === "file" && !truthy(filenameIn)) return Tuple.of(normpath(path), headers);
    let filename: string;
    if (truthy(filenameIn)) filename = str(filenameIn);
    else {
      const os = nodeModule("node:os");
      const pathModule = nodeModule("node:path");
      filename = pathModule.join(os.tmpdir(), `tmp${Math.random().toString(36).slice(2, 10)}`);
      tempFiles.push(filename);
    }
    const fd = fs.openSync(filename, "w");
    try {
      result = Tuple.of(filename, headers);
      const bs = 1024 * 8;
      let blocknum = 0;
      if (truthy(callMethod(headers, "__contains__", "content-length"))) size = Number(str(callMethod(headers, "__getitem__", "Content-Length")));
      if (truthy(reporthook)) yield* settled(callValue(reporthook, BigInt(blocknum), BigInt(bs), BigInt(size)));
      for (;;) {
        const block = (yield* settled(callMethod(fp, "read", BigInt(bs)))) as Uint8Array;
        if (block.length === 0) break;
        read += block.length;
        fs.writeSync(fd, block);
        blocknum += 1;
        if (truthy(reporthook)) yield* settled(callValue(reporthook, BigInt(blocknum), BigInt(bs), BigInt(size)));
      }
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    callMethod(fp, "close");
  }
  if (size >= 0 && read < size) throw new ContentTooShortError(`retrieval incomplete: got only ${read} out of ${size} bytes`, result);
  return result;
}

function normpath(path: string): string {
  return str(callMethod(standardModule("os")["path" as never], "normpath", path));
}

function urlcleanup(): null {
  const fs = nodeModule("node:fs");
  for (const file of tempFiles.splice(0)) {
    try {
      fs.unlinkSync(file);
    } catch {
      // (already gone: CPython ignores OSError here too)
    }
  }
  installed = null;
  return null;
}

/** The addresses of this host (socket.gethostbyname_ex(socket.gethostname())[2]). */
function thishost(): Tuple {
  const os = nodeModule("node:os");
  const fs = nodeModule("node:fs");
  const name = os.hostname();
  const found: string[] = [];
  try {
    for (const line of String(fs.readFileSync("/etc/hosts", "utf8")).split("\n")) {
      const fields = line.replace(/#.*/, "").trim().split(/\s+/);
      if (fields.length > 1 && fields.slice(1).includes(name) && /^\d+\.\d+\.\d+\.\d+$/.test(fields[0]!)) found.push(fields[0]!);
    }
  } catch {
    // (no hosts file: the interfaces below)
  }
  if (found.length === 0) {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const address of list ?? []) if (address.family === "IPv4" && !address.internal) found.push(address.address);
    }
  }
  return Tuple.from(found);
}

let emptyHeaders: HttpHeaders | null = null;
/** `noheaders()`: one empty message, the same on every call (as CPython caches it). */
function noheaders(): HttpHeaders {
  emptyHeaders ??= new HttpHeaders([]);
  return emptyHeaders;
}

/** Every name urllib.request has besides urlopen and Request. */
export const urllibRequestNames = {
  OpenerDirector: pyClass(OpenerDirector),
  BaseHandler: pyClass(BaseHandler),
  HTTPDefaultErrorHandler: pyClass(HTTPDefaultErrorHandler),
  HTTPRedirectHandler: pyClass(HTTPRedirectHandler),
  HTTPCookieProcessor: pyClass(HTTPCookieProcessor),
  ProxyHandler: pyClass(ProxyHandler),
  HTTPPasswordMgr: pyClass(HTTPPasswordMgr),
  HTTPPasswordMgrWithDefaultRealm: pyClass(HTTPPasswordMgrWithDefaultRealm),
  HTTPPasswordMgrWithPriorAuth: pyClass(HTTPPasswordMgrWithPriorAuth),
  AbstractBasicAuthHandler: pyClass(AbstractBasicAuthHandler),
  HTTPBasicAuthHandler: pyClass(HTTPBasicAuthHandler),
  ProxyBasicAuthHandler: pyClass(ProxyBasicAuthHandler),
  AbstractDigestAuthHandler: pyClass(AbstractDigestAuthHandler),
  HTTPDigestAuthHandler: pyClass(HTTPDigestAuthHandler),
  ProxyDigestAuthHandler: pyClass(ProxyDigestAuthHandler),
  AbstractHTTPHandler: pyClass(AbstractHTTPHandler),
  HTTPHandler: pyClass(HTTPHandler),
  HTTPSHandler: pyClass(HTTPSHandler),
  FileHandler: pyClass(FileHandler),
  FTPHandler: pyClass(FTPHandler),
  CacheFTPHandler: pyClass(CacheFTPHandler),
  DataHandler: pyClass(DataHandler),
  UnknownHandler: pyClass(UnknownHandler),
  HTTPErrorProcessor: pyClass(HTTPErrorProcessor),
  URLopener: pyClass(URLopener),
  FancyURLopener: pyClass(FancyURLopener),
  URLError: pyClass(URLError),
  HTTPError: pyClass(HTTPError),
  ContentTooShortError: pyClass(ContentTooShortError),
  install_opener,
  build_opener,
  urlretrieve,
  urlcleanup,
  pathname2url: (pathname: unknown): string => urllibParseModule.quote(pathname),
  url2pathname: (pathname: unknown): string => urllibParseModule.unquote(pathname),
  getproxies,
  getproxies_environment: getproxies,
  proxy_bypass: (host: unknown): boolean => proxyBypass(host),
  proxy_bypass_environment: (host: unknown, proxies: unknown = null): boolean => proxyBypass(host, proxies),
  parse_http_list: parseHttpList,
  parse_keqv_list: parseKeqvList,
  request_host: requestHost,
  localhost: (): string => "127.0.0.1",
  thishost,
  noheaders,
  ftperrors: (): Tuple => Tuple.of(pyClass(OSError), pyClass(EOFError)),
  ftpwrapper: pyClass(ftpwrapper),
  ftpcache: ftpCache,
  MAXFTPCACHE: 10n,
  quote: urllibParseModule.quote,
  unquote: urllibParseModule.unquote,
  unquote_to_bytes: urllibParseModule.unquote_to_bytes,
  urljoin: urllibParseModule.urljoin,
  urlparse: urllibParseModule.urlparse,
  urlsplit: urllibParseModule.urlsplit,
  urlunparse: urllibParseModule.urlunparse,
  unwrap: unwrapUrl,
};
