class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        setattr(obj, self.private, value)


class Product:
    name = Typed(str)
    price = Typed(float)
    quantity = Typed(int)

    def __init__(self, name, price, quantity):
        self.name = name
        self.price = price
        self.quantity = quantity

    def total(self):
        return self.price * self.quantity


p = Product("pen", 1.5, 10)
print(p.name, p.price, p.quantity, p.total())
try:
    p.quantity = "many"
except TypeError as e:
    print("TypeError:", e)
print(type(Product.name).__name__, Product.price.name, Product.quantity.private)
print(sorted(vars(p)))


class Constant:
    def __init__(self, value):
        self.value = value

    def __get__(self, obj, objtype=None):
        return self.value


class Circle:
    pi = Constant(3.14159)

    def __init__(self, r):
        self.r = r

    def area(self):
        return self.pi * self.r ** 2


print(Circle(2).area(), Circle.pi)
