for r in requests:
    case [(a, [b, {"k": (c, d)}])]:
