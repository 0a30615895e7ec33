import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slowBody, startServer, type RunningServer } from "../../support/http-server.js";
import { aiohttpModule as aiohttp, ClientConnectorError, ClientResponse } from "../../../runtime/modules/aiohttp.js";
import { EventLoop } from "../../../runtime/asyncio/events.js";
import { await_ } from "../../../runtime/core/await.js";
import { coroutine, type Coroutine } from "../../../runtime/core/coroutine.js";
import { Bytes } from "../../../runtime/values/bytes.js";
import { Dict } from "../../../runtime/values/dict.js";
import { str } from "../../../runtime/values/repr.js";
import { KeyError } from "../../../runtime/values/exceptions.js";

// aiohttp never blocks the thread, so the server can share this process.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** Runs `body` as the main coroutine on a fresh loop, like loop.run_until_complete(main()). */
async function runOnLoop<R>(body: (loop: EventLoop) => Generator<unknown, R, unknown>): Promise<R> {
  const loop = new EventLoop();
  try {
    return (await loop.run_until_complete(coroutine(() => body(loop), "main"))) as R;
  } finally {
    loop.close();
  }
}

describe("aiohttp.ClientSession", () => {
  it("downloads concurrently: completions come in server order, not start order", async () => {
    const events: string[] = [];
    const session = aiohttp.ClientSession();
    // async def download(path): async with session.get(url) as resp: data = await resp.read()
    const download = (path: string): Coroutine<null> =>
      coroutine(function* () {
        events.push(`start ${path}`);
        const manager = session.get(server.url + path);
        const response = yield* await_(manager.__aenter__());
        const data = (yield* await_(response.read())) as Bytes;
        yield* await_(manager.__aexit__(null, null, null));
        events.push(`${path}: ${data.length}`);
        return null;
      }, "download");
    await runOnLoop(function* (loop) {
      const paths = ["/slow/300", "/slow/50", "/slow/150"];
      const tasks = paths.map((p) => loop.create_task(download(p)));
      for (const task of tasks) yield* await_(task);
      yield* await_(session.__aexit__(null, null, null));
      return null;
    });
    const size = (ms: number) => Buffer.byteLength(slowBody(ms));
    expect(events).toEqual([
      "start /slow/300",
      "start /slow/50",
      "start /slow/150",
      `/slow/50: ${size(50)}`,
      `/slow/150: ${size(150)}`,
      `/slow/300: ${size(300)}`,
    ]);
    expect(session.closed).toBe(true);
  });

  it("`await session.get(url)` gives the response; text(), json() and status work", async () => {
    const session = aiohttp.ClientSession();
    const result = await runOnLoop(function* () {
      const page = yield* await_(session.get(server.url + "/slow/0"));
      const text = yield* await_(page.text());
      const doc = yield* await_((yield* await_(session.get(server.url + "/json"))).json());
      const missing = yield* await_(session.get(server.url + "/missing"));
      yield* await_(session.close());
      return { page, text, doc, missing };
    });
    expect(result.page).toBeInstanceOf(ClientResponse);
    expect(result.page.status).toBe(200n);
    expect(result.page.headers.__getitem__("content-length")).toBe(String(slowBody(0).length));
    // aiohttp's headers are a CIMultiDictProxy: a missing name is a KeyError, not None.
    expect(() => result.page.headers.__getitem__("X-Nope")).toThrow(KeyError);
    expect(result.text).toBe(slowBody(0));
    expect(result.doc).toBeInstanceOf(Dict);
    const doc = result.doc as Dict;
    expect(doc.get("lecture")).toBe(12n);
    expect(doc.get("name")).toBe("pyts");
    expect(result.missing.status).toBe(404n);
    let error: unknown;
    try {
      result.missing.raise_for_status();
    } catch (e) {
      error = e;
    }
    // aiohttp 3.14's text: the URL as a quoted str
    expect(str(error)).toBe(`404, message='Not Found', url='${server.url}/missing'`);
  });

  it("raises ClientConnectorError with aiohttp's message for a closed port", async () => {
    const probe = await startServer();
    await probe.close();
    const port = new URL(probe.url).port;
    const session = aiohttp.ClientSession();
    const error = await runOnLoop(function* () {
      try {
        yield* await_(session.get(probe.url + "/"));
        return null;
      } catch (e) {
        return e;
      } finally {
        yield* await_(session.close());
      }
    });
    expect(error).toBeInstanceOf(ClientConnectorError);
    expect(str(error)).toBe(`Cannot connect to host 127.0.0.1:${port} ssl:default [Connect call failed ('127.0.0.1', ${port})]`);
  });

  it("refuses requests after close()", async () => {
    const session = aiohttp.ClientSession();
    const error = await runOnLoop(function* () {
      yield* await_(session.close());
      try {
        yield* await_(session.get(server.url + "/json"));
      } catch (e) {
        return e;
      }
      return null;
    });
    expect(str(error)).toBe("Session is closed");
  });
});
