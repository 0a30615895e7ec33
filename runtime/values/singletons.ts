// Python's NotImplemented and Ellipsis singletons.

class NotImplementedType {
  static readonly pythonName = "NotImplementedType";
  __repr__(): string {
    return "NotImplemented";
  }
}

class EllipsisType {
  static readonly pythonName = "ellipsis";
  __repr__(): string {
    return "Ellipsis";
  }
}

/** Returned by binary dunders that do not handle the other operand. */
export const NotImplemented: unknown = new NotImplementedType();
export const Ellipsis: unknown = new EllipsisType();
