// Python's `io`: the in-memory streams, the file classes `open()` returns, the seek
// constants, UnsupportedOperation and the raw FileIO.

import { BufferedRandom, BufferedReader, BufferedWriter, open, TextIOWrapper } from "../lang/files.js";
import { BufferedIOBase, IOBase, RawIOBase, SEEK_CUR, SEEK_END, SEEK_SET, TextIOBase, UnsupportedOperation } from "../lang/io-base.js";
import { BlockingIOError } from "../values/exceptions.js";
import { BytesIO, StringIO } from "../lang/io-memory.js";
import { FileIO } from "../lang/file-io.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { BufferedRWPair, IncrementalNewlineDecoder } from "./io-extras.js";

export const ioModule = moduleObject("io", {
  StringIO: pyClass(StringIO),
  BytesIO: pyClass(BytesIO),
  TextIOWrapper: pyClass(TextIOWrapper),
  BufferedReader,
  BufferedWriter,
  BufferedRandom,
  IOBase,
  RawIOBase,
  BufferedIOBase,
  TextIOBase,
  BlockingIOError,
  text_encoding: (encoding: unknown, _stacklevel: unknown = 2n) => (encoding === null || encoding === undefined ? "locale" : encoding),
  open_code: (path: unknown) => open(path, "rb"),
  UnsupportedOperation,
  SEEK_SET,
  SEEK_CUR,
  SEEK_END,
  DEFAULT_BUFFER_SIZE: 8192n,
  open,
  IncrementalNewlineDecoder: pyClass(IncrementalNewlineDecoder),
  BufferedRWPair: pyClass(BufferedRWPair),
  FileIO: pyClass(FileIO),
});
