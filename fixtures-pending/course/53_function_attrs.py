def greet(name: str, greeting: str = "Hello", *, punct: str = "!") -> str:
    """Return a greeting."""
    return f"{greeting}, {name}{punct}"


print(greet.__name__, greet.__doc__, greet.__defaults__, greet.__kwdefaults__)
print(greet.__annotations__)
print(greet.__module__, greet.__qualname__)


def outer():
    def inner():
        pass
    return inner


print(outer().__qualname__)
greet.tag = "polite"
greet.uses = 0
greet.uses += 1
print(greet.tag, greet.uses, sorted(greet.__dict__))
print(greet.__code__.co_argcount, greet.__code__.co_name, greet.__code__.co_kwonlyargcount)


def typed(items: list[int], mapping: dict[str, list[int]] | None = None) -> tuple[int, ...]:
    return tuple(items)


print(typed.__annotations__)
print(repr(greet).startswith("<function greet at 0x"))


class K:
    def m(self):
        pass


k = K()
print(repr(k.m).startswith("<bound method K.m of <__main__.K object at"), k.m.__name__, k.m.__self__ is k, k.m.__func__ is K.m)
print(k.m == k.m, k.m is k.m)
