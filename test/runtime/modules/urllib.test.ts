import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slowBody, startServerProcess, type RunningServer } from "../../support/http-server.js";
import { HTTPError, URLError, urllibModule as urllib } from "../../../runtime/modules/urllib.js";
import { Bytes } from "../../../runtime/values/bytes.js";
import { ConnectionRefusedError, TimeoutError } from "../../../runtime/values/exceptions.js";
import { str, repr } from "../../../runtime/values/repr.js";
import { startServer } from "../../support/http-server.js";

// urlopen blocks this thread, so the server lives in another process.
let server: RunningServer;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server.close();
});

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an exception");
}

describe("urllib.request.urlopen", () => {
  it("returns the body as bytes with status and headers", () => {
    const response = urllib.request.urlopen(server.url + "/slow/200");
    const body = response.read();
    expect(body).toBeInstanceOf(Bytes);
    expect(Buffer.from(body).toString("utf8")).toBe(slowBody(200));
    expect(response.status).toBe(200n);
    expect(response.getcode()).toBe(200n);
    expect(response.reason).toBe("OK");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.__getitem__("Content-Length")).toBe(String(slowBody(200).length));
    expect(response.headers.__getitem__("X-Missing")).toBe(null);
    // A second read() finds the body consumed, like a real stream.
    expect(response.read().length).toBe(0);
  });

  it("works as a context manager", () => {
    const manager = urllib.request.urlopen(server.url + "/json");
    const response = manager.__enter__();
    expect(response).toBe(manager);
    expect(JSON.parse(Buffer.from(response.read()).toString())).toMatchObject({ name: "pyts" });
    expect(manager.__exit__(null, null, null)).toBe(null);
    expect(response.closed).toBe(true);
  });

  it("blocks the thread: no timer or I/O callback runs during the request", async () => {
    const events: string[] = [];
    setTimeout(() => events.push("timer"), 0);
    setImmediate(() => events.push("immediate"));
    events.push("before");
    urllib.request.urlopen(server.url + "/slow/150").read();
    events.push("after");
    await new Promise((r) => setTimeout(r, 5));
    expect(events.slice(0, 2)).toEqual(["before", "after"]);
    expect(events).toContain("timer");
  });

  it("raises HTTPError with CPython's message for 404", () => {
    const error = caught(() => urllib.request.urlopen(server.url + "/missing"));
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toBeInstanceOf(URLError);
    const http = error as HTTPError;
    expect(str(http)).toBe("HTTP Error 404: Not Found");
    expect(repr(http)).toBe("<HTTPError 404: 'Not Found'>");
    expect(http.code).toBe(404n);
    expect(Buffer.from(http.read()).toString()).toBe("not found\n");
  });

  it("raises HTTPError for a 500 too", () => {
    expect(str(caught(() => urllib.request.urlopen(server.url + "/status/500")))).toBe(
      "HTTP Error 500: Internal Server Error",
    );
  });

  it("raises URLError for a closed port", async () => {
    // Find a port that is certainly closed: open one, then close it.
    const probe = await startServer();
    await probe.close();
    const error = caught(() => urllib.request.urlopen(probe.url + "/"));
    expect(error).toBeInstanceOf(URLError);
    expect(error).not.toBeInstanceOf(HTTPError);
    expect(str(error)).toBe("<urlopen error [Errno 111] Connection refused>");
    expect((error as URLError).reason).toBeInstanceOf(ConnectionRefusedError);
  });

  it("lets a read timeout escape as TimeoutError, as CPython 3.11 does", () => {
    const error = caught(() => urllib.request.urlopen(server.url + "/slow/1000", null, 0.1));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(URLError);
    expect(str(error)).toBe("timed out");
  });

  it("refuses a URL without a scheme", () => {
    expect(() => urllib.request.urlopen("example.com")).toThrow("unknown url type: 'example.com'");
  });

  it("sends a Request with a method", () => {
    const request = urllib.request.Request(server.url + "/echo?x=1");
    expect(request.get_method()).toBe("GET");
    expect(Buffer.from(urllib.request.urlopen(request).read()).toString()).toBe("GET /echo?x=1\n");
  });
});
