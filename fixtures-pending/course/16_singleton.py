class Config:
    _instance = None

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            print("creating the one Config")
            cls._instance = super().__new__(cls)
        return cls._instance

    def __init__(self, debug=False):
        self.debug = debug


a = Config()
b = Config(debug=True)
print(a is b, a.debug, b.debug)


class Point:
    def __new__(cls, x, y):
        obj = super().__new__(cls)
        obj.created_by_new = True
        return obj

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.created_by_new})"


print(Point(1, 2))


class PositiveInt(int):
    def __new__(cls, value):
        if value < 0:
            raise ValueError("negative")
        return super().__new__(cls, value)


n = PositiveInt(5)
print(n + 1, type(n).__name__, isinstance(n, int))
try:
    PositiveInt(-1)
except ValueError as e:
    print("ValueError:", e)
