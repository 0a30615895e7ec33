// selectors' _fileobj_to_fd, shared by the loop's readiness callbacks and its pipe transports.

import { asIndex } from "../values/slice.js";
import { AttributeError, ValueError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { callMethod } from "../values/methods.js";

/** The descriptor number of an int or an object with fileno() (selectors' _fileobj_to_fd). */
export function fileobjToFd(fileobj: unknown): number {
  let fd = asIndex(fileobj);
  if (fd === undefined) {
    let fileno: unknown;
    try {
      fileno = callMethod(fileobj, "fileno");
    } catch (e) {
      if (e instanceof AttributeError) throw new ValueError(`Invalid file object: ${repr(fileobj)}`);
      throw e;
    }
    fd = asIndex(fileno);
    if (fd === undefined) throw new ValueError(`Invalid file object: ${repr(fileobj)}`);
  }
  if (fd < 0n) throw new ValueError(`Invalid file descriptor: ${fd}`);
  return Number(fd);
}
