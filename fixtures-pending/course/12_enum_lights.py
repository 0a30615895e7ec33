from enum import Enum, auto


class Light(Enum):
    RED = 1
    YELLOW = 2
    GREEN = 3

    def next(self):
        order = list(Light)
        return order[(order.index(self) + 1) % len(order)]


class Direction(Enum):
    NORTH = auto()
    EAST = auto()
    SOUTH = auto()
    WEST = auto()


light = Light.RED
for _ in range(4):
    print(light, light.name, light.value)
    light = light.next()
print(Light(2), Light["GREEN"], Light.RED in Light)
print(list(Direction))
print([d.value for d in Direction])
print(Direction.NORTH == Direction.NORTH, Direction.NORTH is Direction(1))
try:
    Light(7)
except ValueError as e:
    print("ValueError:", e)
print(repr(Light.GREEN))
print(len(Light), type(Light.RED).__name__)
print({Light.RED: "stop", Light.GREEN: "go"}[Light.GREEN])
