class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


p = Point(1, 2)
p.x = 10
print(p)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
print(Point.__slots__, hasattr(p, "__dict__"))


class Point3D(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


q = Point3D(1, 2, 3)
print(q.x, q.y, q.z)
e = Point.__new__(Point)
try:
    print(e.x)
except AttributeError as err:
    print("AttributeError:", err)
