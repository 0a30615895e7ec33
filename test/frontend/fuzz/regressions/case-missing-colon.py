match command:
    case True | False

    case [x, y, *rest]:
        pass
