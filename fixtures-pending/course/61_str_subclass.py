class Name(str):
    def __new__(cls, value):
        return super().__new__(cls, value.strip().title())

    def initials(self):
        return "".join(part[0] for part in self.split())


class Celsius(float):
    def __repr__(self):
        return f"{float(self):.1f}°C"

    def to_f(self):
        return Celsius(self * 9 / 5 + 32)


class Tags(tuple):
    def __new__(cls, *tags):
        return super().__new__(cls, sorted(set(tags)))

    def has(self, tag):
        return tag in self


n = Name("  ada lovelace ")
print(n, len(n), n.initials(), n.upper(), isinstance(n, str), type(n).__name__)
print(n == "Ada Lovelace", {n: 1}["Ada Lovelace"], n + "!")
c = Celsius(21.5)
print(repr(c), c + 1, c.to_f(), [c])
t = Tags("b", "a", "b", "c")
print(t, len(t), t.has("a"), t[0], type(t).__name__)
