match command:
    case "quit":
        pass
    case 1 | 2 | 3:
        pass
    case -1:
        pass
    case 1+2j:
        pass
    case -1-2j:
        pass
    case None:
        pass
    case True | False:
        pass
    case [x, y, *rest]:
        pass
    case (a, b):
        pass
    case [_, *_]:
        pass
    case {"k": v, 1: w, **rest}:
        pass
    case {}:
        pass
    case []:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, 2, z=3):
        pass
    case a.b.C():
        pass
    case Color.RED:
        pass
    case [1, 2] as lst:
        pass
    case (x):
        pass
    case x if x > 0:
        pass
    case _:
        pass
match (a, b):
    case 1, 2:
        pass
    case x, *y:
        pass
match x:
    case str() | bytes():
        pass
    case {"a": [1, {"b": c}]}:
        pass
