// urllib.request's legacy URLopener and FancyURLopener (deprecated in CPython, warning as it
// does): open() dispatches on the URL's scheme to open_<scheme> methods of the instance
// (open_http/open_https over http.client, open_data, open_file/open_local_file; open_ftp
// refuses, pyts has no FTP client), HTTP errors go to http_error_<code> methods, and
// FancyURLopener follows redirects, answers other errors with the response, and retries
// Basic authentication with the credentials prompt_user_passwd gives.

import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { DeprecationWarning, OSError, ValueError } from "../values/exceptions.js";
import { acceptNamesOn, Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { hasattr } from "../values/builtin-functions.js";
import { in_ } from "../values/contains.js";
import { nodeModule } from "../core/host.js";
import { BytesIO, StringIO } from "../lang/io-memory.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { standardModule } from "./module-object.js";
import { HTTPConnectionClass } from "./http-client.js";
import { HTTPSConnectionClass } from "./http-client-https.js";
import { HttpHeaders } from "./http-headers.js";
import { guessedType } from "./http-server-simple.js";
import { urllibParseModule } from "./urllib-parse.js";
import { runFlow, settled, type Flow } from "./urllib-opener.js";
import { getproxies } from "./urllib-handlers.js";
import { addinfourl } from "./urllib-local-handlers.js";
import { HTTPError, URLError } from "./urllib-errors.js";
import { splitHost, splitPort, splitType, splitUser, unwrapUrl } from "./urllib-split.js";
import { urlretrieve } from "./urllib-request-module.js";
import { ftpCache } from "./urllib-ftp.js";

/** The characters open() leaves unquoted in a URL (CPython's `safe` for it). */
const URL_SAFE = "%/:=&?~#+!$,;'@()*[]|";

/** `Date:`-style text of a time (RFC 1123, GMT). */
function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

/** Headers parsed from `Name: value` lines (what CPython's email.message_from_string gives these openers). */
function headersFromLines(lines: string[]): HttpHeaders {
  return new HttpHeaders(lines.map((line): [string, string] => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]));
}

/** The legacy opener objects (CPython warns that they are deprecated when one is made). */
export class URLopener {
  static pythonName = "URLopener";
  static __module__ = "urllib.request";
  declare addheaders: unknown[];
  declare proxies: unknown;
  declare type: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attr: string]: any;
  static {
    Object.defineProperty(this.prototype, "version", { value: "Python-urllib/3.11", writable: true, configurable: true });
  }
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const warnings = standardModule("warnings") as unknown as { warn: unknown };
    const name = (this.constructor as unknown as { pythonName: string }).pythonName;
    callValue(warnings.warn, `${name} style of invoking requests is deprecated. Use newer urlopen functions/methods`, DeprecationWarning, new Kwargs({ stacklevel: 3n }));
    const proxies = pos[0] ?? kws["proxies"] ?? null;
    this.proxies = isNone(proxies) ? getproxies() : proxies;
    this.addheaders = [Tuple.of("User-Agent", this["version"]), Tuple.of("Accept", "*/*")];
    this.tempcache = null;
    this.ftpcache = ftpCache;
    this.key_file = kws["key_file"] ?? null;
    this.cert_file = kws["cert_file"] ?? null;
  }
  addheader(...args: unknown[]): null {
    this.addheaders.push(Tuple.of(...args));
    return null;
  }

  /** `open(fullurl, data=None)`: the URL's `open_<scheme>` method (via a proxy where one is set). */
  open(fullurl: unknown, data: unknown = null): any {
    const quoted = str(urllibParseModule.quote(unwrapUrl(fullurl), URL_SAFE));
    let [urltype, url] = splitType(quoted) as [string | null, unknown];
    if (!urltype) urltype = "file";
    let proxy: unknown = null;
    if (in_(urltype, this.proxies)) {
      proxy = callMethod(this.proxies, "__getitem__", urltype);
      const [proxyType, proxyHost] = splitType(str(proxy));
      urltype = proxyType ?? urltype;
      url = Tuple.of(splitHost(proxyHost)[0], quoted);
    }
    this.type = urltype;
    const name = `open_${urltype}`.replace(/-/g, "_");
    if (!hasattr(this, name) || name === "open_local_file") {
      return isNone(proxy) ? callMethod(this, "open_unknown", quoted, data) : callMethod(this, "open_unknown_proxy", proxy, quoted, data);
    }
    try {
      return isNone(data) ? callMethod(this, name, url) : callMethod(this, name, url, data);
    } catch (error) {
      if (error instanceof URLError || !(error instanceof OSError)) throw error;
      const wrapped = new OSError("socket error", error);
      throw wrapped;
    }
  }
  open_unknown(fullurl: unknown, _data: unknown = null): never {
    throw new OSError("url error", "unknown url type", splitType(str(fullurl))[0]);
  }
  open_unknown_proxy(proxy: unknown, fullurl: unknown, _data: unknown = null): never {
    throw new OSError("url error", `invalid proxy for ${splitType(str(fullurl))[0]}`, proxy);
  }

  /** `open_http(url, data=None)`: GET (POST with data) over http.client; a status outside 2xx goes to http_error. */
  open_http(url: unknown, data: unknown = null): any {
    return runFlow(this.genericHttp(HTTPConnectionClass, url, data, "http"));
  }
  open_https(url: unknown, data: unknown = null): any {
    return runFlow(this.genericHttp(HTTPSConnectionClass, url, data, "https"));
  }
  private *genericHttp(connectionClass: unknown, url: unknown, data: unknown, scheme: string): Flow<unknown> {
    let host: string | null;
    let selector: string;
    let realhost: string | null;
    let userPasswd: string | null = null;
    let proxyPasswd: string | null = null;
    if (typeof url === "string") {
      [host, selector] = splitHost(url);
      if (host) [userPasswd, host] = splitUser(host);
      if (host) host = str(urllibParseModule.unquote(host));
      realhost = host;
    } else {
      // (through a proxy: (proxy host, full URL))
      const [proxyHost, full] = (url as Tuple<string>).items;
      [proxyPasswd, host] = splitUser(proxyHost!);
      const [urltype, rest] = splitType(full!);
      selector = full!;
      [realhost] = splitHost(rest);
      if (realhost) [userPasswd, realhost] = splitUser(realhost);
      if (urltype?.toLowerCase() !== scheme) host = null;
    }
    if (!host) throw new OSError(`${scheme} error`, "no host given");
    const basic = (credentials: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(str(urllibParseModule.unquote(credentials)))));
    const headers = new Dict<string, unknown>();
    if (proxyPasswd) headers.set("Proxy-Authorization", `Basic ${basic(proxyPasswd)}`);
    if (userPasswd) headers.set("Authorization", `Basic ${basic(userPasswd)}`);
    if (realhost) headers.set("Host", realhost);
    headers.set("Connection", "close");
    for (const pair of this.addheaders) {
      const [header, value] = (pair as Tuple<unknown>).items;
      headers.set(str(header), value);
    }
    const connection = callValue(connectionClass, host);
    if (!isNone(data)) {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      yield* settled(callMethod(connection, "request", "POST", selector, data, headers));
    } else yield* settled(callMethod(connection, "request", "GET", selector, new Kwargs({ headers })));
    const response = (yield* settled(callMethod(connection, "getresponse"))) as { status: bigint; reason: string; headers: HttpHeaders };
    const status = Number(response.status);
    if (status >= 200 && status < 300) return new addinfourl(response, response.headers, `${scheme}:${str(url)}`, response.status);
    return yield* settled(callMethod(this, "http_error", url, response, response.status, response.reason, response.headers, data));
  }

  /** `http_error(url, fp, errcode, errmsg, headers, data=None)`: the `http_error_<code>` method's truthy result, else http_error_default. */
  http_error(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null): any {
    const name = `http_error_${str(errcode)}`;
    if (hasattr(this, name)) {
      const result = isNone(data) ? callMethod(this, name, url, fp, errcode, errmsg, headers) : callMethod(this, name, url, fp, errcode, errmsg, headers, data);
      if (truthy(result)) return result;
    }
    return callMethod(this, "http_error_default", url, fp, errcode, errmsg, headers);
  }
  /** Closes the response and raises HTTPError. */
  http_error_default(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown): any {
    callMethod(fp, "close");
    throw new HTTPError(url, errcode, errmsg, headers, null);
  }

  /** `open_data(url)`: a data: URL as a response whose file holds the message text (headers and body). */
  open_data(url: unknown, _data: unknown = null): any {
    if (typeof url !== "string") throw new URLError("data error: proxy support for data protocol currently not implemented");
    const comma = url.indexOf(",");
    if (comma < 0) throw new OSError("data error", "bad data URL");
    let type = url.slice(0, comma);
    let body = url.slice(comma + 1);
    if (!type) type = "text/plain;charset=US-ASCII";
    const semi = type.lastIndexOf(";");
    let encoding = "";
    if (semi >= 0 && !type.slice(semi).includes("=")) {
      encoding = type.slice(semi + 1);
      type = type.slice(0, semi);
    }
    if (encoding === "base64") {
      const decoded = Uint8Array.from(atob(body.replace(/[^A-Za-z0-9+/=]/g, "")), (c) => c.charCodeAt(0));
      body = Array.from(decoded, (b) => String.fromCharCode(b)).join("");
    } else body = str(urllibParseModule.unquote(body));
    const lines = [`Date: ${httpDate(Date.now())}`, `Content-type: ${type}`, `Content-Length: ${body.length}`];
    const text = [...lines, "", body].join("\n");
    const headers = headersFromLines(lines);
    headers.set_payload(body);
    return new addinfourl(new StringIO(text), headers, url);
  }

  /** `open_file(url)`: a file on this host (open_local_file); another host's is refused. */
  open_file(url: unknown): any {
    if (typeof url !== "string") throw new URLError("file error: proxy support for file protocol currently not implemented");
    if (url.startsWith("//") && url.charAt(2) !== "/" && url.slice(2, 12).toLowerCase() !== "localhost/") throw new ValueError("file:// scheme is supported only on localhost");
    return callMethod(this, "open_local_file", url);
  }
  open_local_file(url: unknown): any {
    const fs = nodeModule("node:fs");
    const [host, file] = splitHost(str(url));
    const localname = str(urllibParseModule.unquote(file));
    let stats: { size: number; mtimeMs: number };
    try {
      stats = fs.statSync(localname);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new URLError(code === "ENOENT" ? "No such file or directory" : String(code), localname);
    }
    const headers = headersFromLines([`Content-Type: ${guessedType(str(url)) ?? "text/plain"}`, `Content-Length: ${stats.size}`, `Last-modified: ${httpDate(stats.mtimeMs)}`]);
    const urlfile = file.startsWith("/") ? `file://${file}` : file;
    const opened = (): unknown => new BytesIO(Bytes.fromArray(fs.readFileSync(localname)));
    if (!host) return new addinfourl(opened(), headers, urlfile);
    const [bare, port] = splitPort(host);
    if (!port && (bare === "localhost" || bare === "127.0.0.1")) {
      if (file.startsWith("./")) throw new ValueError(`local file url may start with / or file:. Unknown url of type: ${str(url)}`);
      return new addinfourl(opened(), headers, urlfile);
    }
    throw new URLError("local file error: not on local host");
  }

  /** `open_ftp(url)`: refused, pyts has no FTP client (CPython's would connect). */
  open_ftp(url: unknown): never {
    if (typeof url !== "string") throw new URLError("ftp error: proxy support for ftp protocol currently not implemented");
    const failure = new OSError("pyts has no FTP client");
    const wrapped = new URLError(`ftp error: ${str(failure)}`);
    wrapped.__cause__ = failure;
    throw wrapped;
  }

  retrieve(url: unknown, filename: unknown = null, reporthook: unknown = null, data: unknown = null): Tuple {
    return urlretrieve(url, filename, reporthook, data);
  }
  cleanup(): null {
    return null;
  }
  close(): null {
    return null;
  }
}

acceptNamesOn(URLopener.prototype, {
  open: ["fullurl", "data"],
  open_unknown: ["fullurl", "data"],
  open_unknown_proxy: ["proxy", "fullurl", "data"],
  open_http: ["url", "data"],
  open_https: ["url", "data"],
  open_data: ["url", "data"],
  http_error: ["url", "fp", "errcode", "errmsg", "headers", "data"],
  retrieve: ["url", "filename", "reporthook", "data"],
});
