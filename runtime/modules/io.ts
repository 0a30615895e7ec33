// Python's `io`: the in-memory streams, the file classes `open()` returns, the seek
// constants and UnsupportedOperation.

import { BufferedRandom, BufferedReader, BufferedWriter, open, TextIOWrapper } from "../lang/files.js";
import { IOBase, SEEK_CUR, SEEK_END, SEEK_SET, UnsupportedOperation } from "../lang/io-base.js";
import { BytesIO, StringIO } from "../lang/io-memory.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";

export const ioModule = moduleObject("io", {
  StringIO: pyClass(StringIO),
  BytesIO: pyClass(BytesIO),
  TextIOWrapper: pyClass(TextIOWrapper),
  BufferedReader,
  BufferedWriter,
  BufferedRandom,
  IOBase,
  UnsupportedOperation,
  SEEK_SET,
  SEEK_CUR,
  SEEK_END,
  DEFAULT_BUFFER_SIZE: 8192n,
  open,
});
