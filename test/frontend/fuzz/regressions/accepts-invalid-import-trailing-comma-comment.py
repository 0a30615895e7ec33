import a, b,  # comment
