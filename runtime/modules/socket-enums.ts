// socket's enums (AddressFamily, SocketKind: IntEnum; MsgFlag, AddressInfo: IntFlag) with
// CPython's members on Linux, aliases included (AF_ROUTE is AF_NETLINK), from the generated
// table, so their reprs (`<AddressFamily.AF_INET: 2>`, `<MsgFlag.MSG_PEEK: 2>`) are CPython's.

import { IntEnum, IntFlag, defineMembers } from "./enum.js";
import { ADDRESS_FAMILY, ADDRESS_INFO, MSG_FLAG, SOCKET_KIND } from "./socket-constants-data.js";

type EnumBase = new (...args: unknown[]) => object;

/** A class named `name` extending `base`, with `rows` as its members. */
function socketEnum(name: string, base: unknown, rows: ReadonlyArray<readonly [string, bigint]>): any {
  const Base = base as EnumBase;
  const cls = { [name]: class extends Base {} }[name]!;
  for (const [member, value] of rows) (cls as unknown as Record<string, bigint>)[member] = value;
  Object.defineProperty(cls, "__module__", { value: "socket" });
  defineMembers(cls, rows.map(([member]) => member));
  return cls;
}

export const AddressFamily = socketEnum("AddressFamily", IntEnum, ADDRESS_FAMILY);
export const SocketKind = socketEnum("SocketKind", IntEnum, SOCKET_KIND);
export const MsgFlag = socketEnum("MsgFlag", IntFlag, MSG_FLAG);
export const AddressInfo = socketEnum("AddressInfo", IntFlag, ADDRESS_INFO);

type MemberName = (typeof ADDRESS_FAMILY | typeof SOCKET_KIND | typeof MSG_FLAG | typeof ADDRESS_INFO)[number][0];

/** The module-level names the enums give (`socket.AF_INET` is `AddressFamily.AF_INET`). */
export function enumConstants(): Record<MemberName, any> {
  const names = {} as Record<MemberName, any>;
  for (const [cls, rows] of [[AddressFamily, ADDRESS_FAMILY], [SocketKind, SOCKET_KIND], [MsgFlag, MSG_FLAG], [AddressInfo, ADDRESS_INFO]] as const) {
    for (const [member] of rows) names[member] = (cls as Record<string, unknown>)[member];
  }
  return names;
}

function byValue(cls: unknown, rows: ReadonlyArray<readonly [string, bigint]>): (value: bigint) => unknown {
  const names = new Map<bigint, string>();
  for (const [member, value] of rows) if (!names.has(value)) names.set(value, member);
  return (value) => {
    const member = names.get(value);
    return member === undefined ? value : (cls as Record<string, unknown>)[member];
  };
}

/** A family read back (`sock.family`, getaddrinfo's results): its member, or the int where none has it. */
export const familyMember = byValue(AddressFamily, ADDRESS_FAMILY);
/** A socket type read back: its SocketKind member, or the int (SOCK_STREAM | SOCK_NONBLOCK has none). */
export const kindMember = byValue(SocketKind, SOCKET_KIND);
