match (a, b):
    case 1, 2:
        pass
    case str() | bytes():
        pass
        await