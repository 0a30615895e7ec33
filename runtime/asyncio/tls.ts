// loop.start_tls and StreamWriter.start_tls. pyts has no `ssl` module, so no ssl.SSLContext can
// exist: every call fails with the TypeError CPython raises for an argument that is not one.

import { coroutine, type Coroutine } from "../core/coroutine.js";
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { EventLoop } from "./events.js";
import { StreamWriter } from "./streams.js";

declare module "./events.js" {
  interface EventLoop {
    start_tls(...args: unknown[]): Coroutine<never>;
  }
}

declare module "./streams.js" {
  interface StreamWriter {
    start_tls(...args: unknown[]): Coroutine<never>;
  }
}

function refused(context: unknown, name: string): Coroutine<never> {
  return coroutine(function* (): Generator<never, never, unknown> {
    throw new PyTypeError(`sslcontext is expected to be an instance of ssl.SSLContext, got ${repr(context ?? null)}`);
  }, name);
}

function loopStartTls(this: EventLoop, ...args: unknown[]): Coroutine<never> {
  const [pos, kws] = splitKw(args);
  return refused(pos[2] ?? kws["sslcontext"], "BaseEventLoop.start_tls");
}

function writerStartTls(this: StreamWriter, ...args: unknown[]): Coroutine<never> {
  const [pos, kws] = splitKw(args);
  return refused(pos[0] ?? kws["sslcontext"], "StreamWriter.start_tls");
}

Object.defineProperty(EventLoop.prototype, "start_tls", { value: loopStartTls, writable: true, configurable: true });
Object.defineProperty(StreamWriter.prototype, "start_tls", { value: writerStartTls, writable: true, configurable: true });
