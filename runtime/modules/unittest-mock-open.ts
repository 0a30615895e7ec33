// unittest.mock's mock_open (Lib/unittest/mock.py): a MagicMock standing for `open` whose
// handle (a MagicMock with the file objects' attribute names as its spec) reads `read_data`
// through a StringIO/BytesIO: `read`, `readline`, `readlines`, iteration, `with`, and
// `write` recorded as calls; each call of the mock starts the data anew.

import { BytesIO, StringIO } from "../lang/io-memory.js";
import { callMethod } from "../values/methods.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { builtinFunction } from "../values/builtin-type.js";
import { open } from "../lang/files.js";
import { DEFAULT, MagicMock } from "./unittest-mock.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** `dir(_io.TextIOWrapper) | dir(_io.BytesIO)`: the names a handle has (CPython's file_spec). */
const FILE_SPEC = [
  "_CHUNK_SIZE", "__class__", "__del__", "__delattr__", "__dict__", "__dir__", "__doc__", "__enter__", "__eq__", "__exit__",
  "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__iter__",
  "__le__", "__lt__", "__ne__", "__new__", "__next__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__setstate__",
  "__sizeof__", "__str__", "__subclasshook__", "_checkClosed", "_checkReadable", "_checkSeekable", "_checkWritable",
  "_finalizing", "buffer", "close", "closed", "detach", "encoding", "errors", "fileno", "flush", "getbuffer", "getvalue",
  "isatty", "line_buffering", "name", "newlines", "read", "read1", "readable", "readinto", "readinto1", "readline",
  "readlines", "reconfigure", "seek", "seekable", "tell", "truncate", "writable", "write", "write_through", "writelines",
];

type Stream = StringIO | BytesIO;

function toStream(data: unknown): Stream {
  return data instanceof Uint8Array ? new BytesIO(data) : new StringIO(data);
}

function mock_open(...args: unknown[]): any {
  const [[mockArg, dataArg], kws] = splitKw(args);
  const readData = dataArg ?? kws["read_data"] ?? "";
  let mock: any = mockArg ?? kws["mock"] ?? null;
  const state: { stream: Stream; readline: Generator<unknown> | null } = { stream: toStream(readData), readline: null };
  const handle: any = new MagicMock(new Kwargs({ spec: FILE_SPEC }));

  const readlineOf = (...a: unknown[]): unknown => callMethod(state.stream, "readline", ...a);
  function* iterSideEffect(): Generator<unknown> {
    if (handle.readline.return_value !== null) {
      for (;;) yield handle.readline.return_value;
    }
    for (;;) {
      const line = readlineOf();
      if (line === "" || (line instanceof Uint8Array && line.length === 0)) return;
      yield line;
    }
  }
  function* readlineSideEffect(): Generator<unknown> {
    yield* iterSideEffect();
    for (;;) yield readlineOf();
  }

  if (mock === null) mock = new MagicMock(new Kwargs({ name: "open", spec: open }));
  handle.__enter__.return_value = handle;
  handle.write.return_value = null;
  handle.read.return_value = null;
  handle.readline.return_value = null;
  handle.readlines.return_value = null;
  handle.read.side_effect = builtinFunction((...a: unknown[]): unknown => (handle.read.return_value !== null ? handle.read.return_value : callMethod(state.stream, "read", ...a)), "_read_side_effect");
  state.readline = readlineSideEffect();
  handle.readline.side_effect = state.readline;
  handle.readlines.side_effect = builtinFunction((...a: unknown[]): unknown => (handle.readlines.return_value !== null ? handle.readlines.return_value : callMethod(state.stream, "readlines", ...a)), "_readlines_side_effect");
  handle.__iter__.side_effect = builtinFunction(() => iterSideEffect(), "_iter_side_effect");

  mock.side_effect = builtinFunction((): unknown => {
    state.stream = toStream(readData);
    // (only if the program has not replaced readline's side effect)
    if (handle.readline.side_effect === state.readline) {
      state.readline = readlineSideEffect();
      handle.readline.side_effect = state.readline;
    }
    return DEFAULT;
  }, "reset_data");
  mock.return_value = handle;
  return mock;
}

export const mockOpen = builtinFunction(mock_open, "mock_open");
