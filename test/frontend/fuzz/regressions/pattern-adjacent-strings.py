match command:
    case "quit" "quit":
        pass
    case ("a"
      "b"  'c') | "x" "y":
        pass
    case (x):
        pass
    case _:
        pass
