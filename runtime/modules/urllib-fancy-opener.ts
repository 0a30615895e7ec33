// urllib.request.FancyURLopener: a URLopener that follows redirects (301/302/303/307/308,
// at most `maxtries` deep), answers other HTTP errors with the response itself, and retries
// Basic authentication (401/407 when asked to retry) with the credentials prompt_user_passwd
// gives, kept per realm and host in `auth_cache`.

import { Dict } from "../values/dict.js";
import { KeyboardInterrupt } from "../values/exceptions.js";
import { acceptNamesOn } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { getattr, hasattr, input } from "../values/builtin-functions.js";
import { in_ } from "../values/contains.js";
import { print } from "../values/print.js";
import { isNone } from "./callable-class.js";
import { isThenable } from "../threads/scheduler.js";
import { callValue } from "./pycall.js";
import { standardModule } from "./module-object.js";
import { urllibParseModule } from "./urllib-parse.js";
import { addinfourl } from "./urllib-local-handlers.js";
import { HTTPError } from "./urllib-errors.js";
import { splitHost, splitType } from "./urllib-split.js";
import { URLopener } from "./urllib-legacy-opener.js";

/** `user:passwd@` quoted as CPython's retry_*_basic_auth put them before the host. */
function credentials(user: unknown, passwd: unknown): string {
  return `${str(urllibParseModule.quote(user, ""))}:${str(urllibParseModule.quote(passwd, ""))}@`;
}

/** The scheme and realm of a `Basic realm="..."` challenge (null for none). */
function basicChallenge(challenge: string): [string, string] | null {
  const m = /^[ \t]*([^ \t]+)[ \t]+realm="([^"]*)"/.exec(challenge);
  return m === null ? null : [m[1]!, m[2]!];
}

export class FancyURLopener extends URLopener {
  static override pythonName = "FancyURLopener";
  constructor(...args: unknown[]) {
    super(...args);
    this.auth_cache = new Dict();
    this.tries = 0n;
    this.maxtries = 10n;
  }

  /** Other errors: the response itself, with its status. */
  override http_error_default(url: unknown, fp: unknown, errcode: unknown, _errmsg: unknown, headers: unknown): any {
    return new addinfourl(fp, headers, `http:${str(url)}`, errcode);
  }

  http_error_302(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null): any {
    this.tries = (this.tries as bigint) + 1n;
    // (the count goes back to 0 once this redirect is done: when the reopened URL answers,
    // which under threads is a promise settling later)
    const reset = (): void => {
      this.tries = 0n;
    };
    let result: unknown;
    try {
      if (truthy(this.maxtries) && (this.tries as bigint) >= (this.maxtries as bigint)) {
        const method = hasattr(this, "http_error_500") ? "http_error_500" : "http_error_default";
        result = callMethod(this, method, url, fp, 500n, "Internal Server Error: Redirect Recursion", headers);
      } else result = callMethod(this, "redirect_internal", url, fp, errcode, errmsg, headers, data);
    } catch (error) {
      reset();
      throw error;
    }
    if (!isThenable(result)) {
      reset();
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        reset();
        return value;
      },
      (error: unknown) => {
        reset();
        throw error;
      },
    );
  }
  /** The Location (or URI) header's URL opened, relative to this one; None without either. */
  redirect_internal(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, _data: unknown): any {
    let target: unknown;
    if (in_("location", headers)) target = callMethod(headers, "__getitem__", "location");
    else if (in_("uri", headers)) target = callMethod(headers, "__getitem__", "uri");
    else return null;
    callMethod(fp, "close");
    const newurl = str(urllibParseModule.urljoin(`${str(this.type)}:${str(url)}`, target));
    const scheme = str(getattr(urllibParseModule.urlparse(newurl), "scheme"));
    if (!["http", "https", "ftp", ""].includes(scheme)) {
      throw new HTTPError(newurl, errcode, `${str(errmsg)} Redirection to url '${newurl}' is not allowed.`, headers, fp);
    }
    return callMethod(this, "open", newurl);
  }
  http_error_301(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null): any {
    return callMethod(this, "http_error_302", url, fp, errcode, errmsg, headers, data);
  }
  http_error_303(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null): any {
    return callMethod(this, "http_error_302", url, fp, errcode, errmsg, headers, data);
  }
  /** 307 and 308 keep the method: a redirected POST is not followed. */
  http_error_307(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null): any {
    if (isNone(data)) return callMethod(this, "http_error_302", url, fp, errcode, errmsg, headers, data);
    return callMethod(this, "http_error_default", url, fp, errcode, errmsg, headers);
  }
  http_error_308(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null): any {
    if (isNone(data)) return callMethod(this, "http_error_301", url, fp, errcode, errmsg, headers, data);
    return callMethod(this, "http_error_default", url, fp, errcode, errmsg, headers);
  }

  /** A Basic challenge answered (only when `retry`): the retry_<kind>_basic_auth method's result. */
  private retryAuth(header: string, kind: string, url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown, retry: unknown): unknown {
    const refuse = (): unknown => URLopener.prototype.http_error_default.call(this, url, fp, errcode, errmsg, headers);
    if (!in_(header, headers)) refuse();
    const challenge = basicChallenge(str(callMethod(headers, "__getitem__", header)));
    if (challenge === null) refuse();
    const [scheme, realm] = challenge!;
    if (scheme.toLowerCase() !== "basic") refuse();
    if (!truthy(retry)) refuse();
    const name = `retry_${kind}${str(this.type)}_basic_auth`;
    return isNone(data) ? callMethod(this, name, url, realm) : callMethod(this, name, url, realm, data);
  }
  http_error_401(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null, retry: unknown = false): any {
    return this.retryAuth("www-authenticate", "", url, fp, errcode, errmsg, headers, data, retry);
  }
  http_error_407(url: unknown, fp: unknown, errcode: unknown, errmsg: unknown, headers: unknown, data: unknown = null, retry: unknown = false): any {
    return this.retryAuth("proxy-authenticate", "proxy_", url, fp, errcode, errmsg, headers, data, retry);
  }

  /** The URL opened again with the realm's credentials before its host (None without any). */
  private retryWithCredentials(scheme: string, url: unknown, realm: unknown, data: unknown): unknown {
    const [hostWithUser, selector] = splitHost(str(url));
    const at = (hostWithUser ?? "").indexOf("@") + 1;
    const host = (hostWithUser ?? "").slice(at);
    const [user, passwd] = (callMethod(this, "get_user_passwd", host, realm, BigInt(at)) as Tuple<unknown>).items;
    if (!(truthy(user) || truthy(passwd))) return null;
    const newurl = `${scheme}://${credentials(user, passwd)}${host}${selector}`;
    return isNone(data) ? callMethod(this, "open", newurl) : callMethod(this, "open", newurl, data);
  }
  retry_http_basic_auth(url: unknown, realm: unknown, data: unknown = null): any {
    return this.retryWithCredentials("http", url, realm, data);
  }
  retry_https_basic_auth(url: unknown, realm: unknown, data: unknown = null): any {
    return this.retryWithCredentials("https", url, realm, data);
  }
  /** The proxy's URL given the realm's credentials, then the URL opened again through it. */
  private retryProxyWithCredentials(scheme: string, url: unknown, realm: unknown, data: unknown): unknown {
    const [host, selector] = splitHost(str(url));
    const newurl = `${scheme}://${host ?? ""}${selector}`;
    const proxy = str(callMethod(this.proxies, "__getitem__", scheme));
    const [proxyHostWithUser, proxySelector] = splitHost(splitType(proxy)[1]);
    const at = (proxyHostWithUser ?? "").indexOf("@") + 1;
    const proxyHost = (proxyHostWithUser ?? "").slice(at);
    const [user, passwd] = (callMethod(this, "get_user_passwd", proxyHost, realm, BigInt(at)) as Tuple<unknown>).items;
    if (!(truthy(user) || truthy(passwd))) return null;
    callMethod(this.proxies, "__setitem__", scheme, `${scheme}://${credentials(user, passwd)}${proxyHost}${proxySelector}`);
    return isNone(data) ? callMethod(this, "open", newurl) : callMethod(this, "open", newurl, data);
  }
  retry_proxy_http_basic_auth(url: unknown, realm: unknown, data: unknown = null): any {
    return this.retryProxyWithCredentials("http", url, realm, data);
  }
  retry_proxy_https_basic_auth(url: unknown, realm: unknown, data: unknown = null): any {
    return this.retryProxyWithCredentials("https", url, realm, data);
  }

  /** `(user, passwd)` for the realm at the host: the cached pair (dropped first when clear_cache), else prompted for. */
  get_user_passwd(host: unknown, realm: unknown, clearCache: unknown = 0n): Tuple<unknown> {
    const key = `${str(realm)}@${str(host).toLowerCase()}`;
    const cache = this.auth_cache as Dict<string, Tuple<unknown>>;
    if (cache.has(key)) {
      if (truthy(clearCache)) cache.delete(key);
      else return cache.get(key)!;
    }
    const pair = callMethod(this, "prompt_user_passwd", host, realm) as Tuple<unknown>;
    const [user, passwd] = pair.items;
    if (truthy(user) || truthy(passwd)) cache.set(key, Tuple.of(user, passwd));
    return Tuple.of(user, passwd);
  }
  /** Asks on the terminal (input, then getpass); Ctrl-C gives (None, None). */
  prompt_user_passwd(host: unknown, realm: unknown): Tuple<unknown> {
    try {
      const user = input(`Enter username for ${str(realm)} at ${str(host)}: `);
      const getpass = (standardModule("getpass") as unknown as { getpass: unknown }).getpass;
      const passwd = callValue(getpass, `Enter password for ${user} in ${str(realm)} at ${str(host)}: `);
      return Tuple.of(user, passwd);
    } catch (error) {
      if (!(error instanceof KeyboardInterrupt)) throw error;
      print();
      return Tuple.of(null, null);
    }
  }
}

const HTTP_ERROR_PARAMS = ["url", "fp", "errcode", "errmsg", "headers", "data"];
acceptNamesOn(FancyURLopener.prototype, {
  http_error_301: HTTP_ERROR_PARAMS,
  http_error_302: HTTP_ERROR_PARAMS,
  http_error_303: HTTP_ERROR_PARAMS,
  http_error_307: HTTP_ERROR_PARAMS,
  http_error_308: HTTP_ERROR_PARAMS,
  http_error_401: [...HTTP_ERROR_PARAMS, "retry"],
  http_error_407: [...HTTP_ERROR_PARAMS, "retry"],
  retry_http_basic_auth: ["url", "realm", "data"],
  retry_https_basic_auth: ["url", "realm", "data"],
  retry_proxy_http_basic_auth: ["url", "realm", "data"],
  retry_proxy_https_basic_auth: ["url", "realm", "data"],
  get_user_passwd: ["host", "realm", "clear_cache"],
});
