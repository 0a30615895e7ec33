class Colors:
    names = ["red", "green", "blue"]
    codes = {}
    for i, name in enumerate(names):
        codes[name] = i * 10
    del i, name
    if len(names) > 2:
        many = True
    else:
        many = False
    squares = [n * n for n in range(4)]
    try:
        missing = codes["black"]
    except KeyError:
        missing = None


print(Colors.codes, Colors.many, Colors.squares, Colors.missing)
print(hasattr(Colors, "i"), sorted(k for k in vars(Colors) if not k.startswith("_")))


class Config:
    DEBUG = False
    LEVEL = "DEBUG" if DEBUG else "INFO"
    PATHS = tuple(p.upper() for p in ("a", "b"))


print(Config.LEVEL, Config.PATHS)
