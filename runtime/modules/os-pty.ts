// `os.openpty()`: a pseudo-terminal pair, made as glibc's openpty makes it: /dev/ptmx opened
// (read-write, no controlling terminal, close-on-exec as CPython's pair is non-inheritable),
// then unlocked and its number asked with the TIOCSPTLCK/TIOCGPTN ioctls, which the perl helper
// makes on our own open description (handed to it as its standard input; the ioctl numbers are
// the generic ones of x86-64 and arm64), then /dev/pts/<n> opened.
import { nodeModule } from "../core/host.js";
import { Tuple } from "../values/tuple.js";
import { fsCall } from "../lang/os-errors.js";
import { perlCall } from "./os-helper.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** unlockpt (TIOCSPTLCK with 0), then ptsname's number (TIOCGPTN). */
const UNLOCK_AND_NUMBER = `
my $unlock = pack("i", 0);
ioctl(STDIN, 0x40045431, $unlock) or do { print "!", $! + 0; exit 0 };
my $n = pack("i", 0);
ioctl(STDIN, 0x80045430, $n) or do { print "!", $! + 0; exit 0 };
print unpack("i", $n);
`;

/** `os.openpty()`: (master, slave) descriptors of a new pseudo-terminal. */
export function openpty(): Tuple<bigint> {
  const { O_RDWR, O_NOCTTY } = fs().constants;
  const master = fsCall(() => fs().openSync("/dev/ptmx", O_RDWR | O_NOCTTY));
  let slave: number;
  try {
    const number = perlCall(UNLOCK_AND_NUMBER, [], master).trim();
    slave = fsCall(() => fs().openSync(`/dev/pts/${number}`, O_RDWR | O_NOCTTY));
  } catch (e) {
    fs().closeSync(master);
    throw e;
  }
  return Tuple.of(BigInt(master), BigInt(slave));
}
