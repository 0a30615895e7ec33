for name in ["ann", "bob"]:
    try:
        print(find_user(users, name))
    except AppError as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)
    try:
        print("invalid", e.field, e, e.args)
    else:
        print("valid", age)
    finally:
        print("checked", repr(age))