café = "naïve"
x = "日本語"; y = 1
print("→", café)
s = f"{café} ✓ {x}"
