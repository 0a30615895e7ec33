x = [1,
foo(2 3
