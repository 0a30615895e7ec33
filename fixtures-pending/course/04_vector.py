import math


class Vector:
    def __init__(self, x=0, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Vector({self.x!r}, {self.y!r})"

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, Vector):
            return self.x * k.x + self.y * k.y
        return Vector(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y)

    def __abs__(self):
        return math.hypot(self.x, self.y)

    def __bool__(self):
        return bool(self.x or self.y)

    def __eq__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __iter__(self):
        yield self.x
        yield self.y


v = Vector(3, 4)
w = Vector(1, -2)
print(v + w, v - w, v * 2, 3 * v, -v)
print(abs(v), v * w)
print(bool(Vector()), bool(v))
print(v == Vector(3, 4), v == (3, 4), v != w)
print(len({v, Vector(3, 4), w}))
x, y = v
print(x, y, list(w), tuple(v))
print(Vector.__rmul__ is Vector.__mul__)
if not Vector(0, 0):
    print("zero vector is falsy")
