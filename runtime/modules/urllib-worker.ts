// The helper thread behind the synchronous urlopen(): it performs one HTTP request per
// message with Node's asynchronous client, posts the outcome on the request's own port (a
// blocking request's: the one port and flag the helper was started with, as only one can
// wait at a time), then wakes the caller, which has been blocked in Atomics.wait the whole time.
//
// It runs as an eval'd CommonJS script so it needs no file of its own at run time.

export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
// (https loads tls and crypto: only for a first https request)
let https = null;
// The options that trust NODE_EXTRA_CA_CERTS where Node started without it (core/host.ts's
// tlsTrustOptions, made in this thread on its first https request).
let tlsTrust = null;
function tlsTrustOptions() {
  if (tlsTrust === null) {
    tlsTrust = {};
    if (workerData.extraCaCerts) {
      const tls = require("node:tls");
      let extra = [];
      try {
        extra = [require("node:fs").readFileSync(workerData.extraCaCerts, "latin1")];
      } catch {}
      tlsTrust.secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
    }
  }
  return tlsTrust;
}

const MAX_REDIRECTS = 10;
const blockingPort = workerData.replyPort;
const blockingFlag = new Int32Array(workerData.flag);

function finish(job, message) {
  if (job.finished) return;
  job.finished = true;
  try {
    (job.port || blockingPort).postMessage(message);
  } finally {
    if (job.port) job.port.close();
    const flag = job.port ? new Int32Array(job.flag) : blockingFlag;
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}

function request(job, url, method, body, redirects) {
  let target;
  try {
    target = new URL(url);
  } catch (e) {
    finish(job, { kind: "error", code: "EINVAL", message: String(e && e.message) });
    return;
  }
  const client = target.protocol === "https:" ? (https ??= require("node:https")) : http;
  const headers = Object.assign({}, job.headers);
  if (body && !Object.keys(headers).some((k) => k.toLowerCase() === "content-length")) headers["Content-Length"] = String(body.length);
  // (lenient as CPython's http.client: a bare LF ends a header line, as CGI scripts write them)
  // (the path as given, as CPython sends it: /a/../b is not resolved, as URL would)
  const given = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url)?.[1] ?? "";
  const path = /^\/[\x21-\x7e]*$/.test(given) ? given : target.pathname + target.search;
  const plain = { method, headers, path, insecureHTTPParser: true };
  const options = target.protocol === "https:" ? Object.assign(plain, tlsTrustOptions()) : plain;
  const req = client.request(target, options, (res) => {
    const status = res.statusCode || 0;
    const location = res.headers.location;
    // urllib follows redirects for GET/HEAD, and turns POST into GET on 301/302/303.
    const canRedirect = job.follow !== false && [301, 302, 303, 307, 308].includes(status) && location &&
      (method === "GET" || method === "HEAD" || (method === "POST" && status <= 303));
    if (canRedirect && redirects < MAX_REDIRECTS) {
      res.resume();
      const next = new URL(location, target).href;
      // (the new request is a GET, without the body's headers, and the Host of its own URL)
      for (const name of Object.keys(job.headers)) {
        if (["host", "content-length", "content-type"].includes(name.toLowerCase())) delete job.headers[name];
      }
      request(job, next, "GET", null, redirects + 1);
      return;
    }
    const chunks = [];
    res.on("data", (chunk) => chunks.push(chunk));
    res.on("end", () => {
      finish(job, {
        kind: "response",
        url,
        status,
        reason: res.statusMessage || "",
        version: res.httpVersion === "1.0" ? 10 : 11,
        rawHeaders: res.rawHeaders,
        body: new Uint8Array(Buffer.concat(chunks)),
        tooManyRedirects: canRedirect === true,
      });
    });
    res.on("error", (e) => finish(job, { kind: "error", code: e.code || "", message: e.message }));
  });
  if (job.timeoutMs !== null) {
    req.setTimeout(job.timeoutMs, () => {
      // Once connected, CPython lets the read timeout escape unwrapped (TimeoutError).
      const connected = req.socket && !req.socket.connecting;
      req.destroy(Object.assign(new Error("timed out"), { code: connected ? "PYTS_READ_TIMEOUT" : "PYTS_TIMEOUT" }));
    });
  }
  req.on("error", (e) => finish(job, { kind: "error", code: e.code || "", message: e.message }));
  if (body) req.write(body);
  req.end();
}

parentPort.on("message", (job) => {
  try {
    request(job, job.url, job.method, job.body, 0);
  } catch (e) {
    finish(job, { kind: "error", code: "", message: String(e && e.message) });
  }
});
`;
