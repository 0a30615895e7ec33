def trace(func):
        print(f"-> {func.__name__}({arg_√text})")