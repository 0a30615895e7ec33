// asyncio's own exception classes (asyncio.exceptions).

import { BaseException, Exception } from "../values/exceptions.js";

/** The operation was cancelled. A BaseException since Python 3.8, so `except Exception` misses it. */
export class CancelledError extends BaseException {
  static __module__ = "asyncio.exceptions";
}

/** Invalid internal state of a Task or Future. */
export class InvalidStateError extends Exception {
  static __module__ = "asyncio.exceptions";
}
