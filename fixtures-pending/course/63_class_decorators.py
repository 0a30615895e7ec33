registry = []


def register(cls):
    registry.append(cls.__name__)
    return cls


def add_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls


def singleton(cls):
    instances = {}

    def get_instance(*args, **kwargs):
        if cls not in instances:
            instances[cls] = cls(*args, **kwargs)
        return instances[cls]

    return get_instance


@register
@add_repr
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


@singleton
class Settings:
    def __init__(self):
        print("Settings created")
        self.theme = "dark"


print(Point(1, 2), registry)
s1 = Settings()
s2 = Settings()
print(s1 is s2, s1.theme, type(Settings).__name__)
