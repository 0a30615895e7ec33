from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
Color = namedtuple("Color", "red green blue", defaults=[0])

p = Point(3, 4)
print(p, p.x, p[1], len(p))
x, y = p
print(x + y, p._asdict(), p._replace(x=10))
print(Point._fields, Color._fields, Color(255, 128))
print(Point._make([1, 2]), p == (3, 4), isinstance(p, tuple))
pts = [Point(1, 5), Point(2, 1), Point(0, 3)]
print(sorted(pts), sorted(pts, key=lambda q: q.y))
print(max(pts, key=lambda q: q.x ** 2 + q.y ** 2))
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)


class Point3(namedtuple("Point3", "x y z")):
    __slots__ = ()

    def norm(self):
        return (self.x ** 2 + self.y ** 2 + self.z ** 2) ** 0.5


print(Point3(1, 2, 2).norm(), Point3(1, 2, 2))
