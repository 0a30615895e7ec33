import string


def caesar(text, shift):
    result = []
    for ch in text:
        if ch.isupper():
            result.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        elif ch.islower():
            result.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        else:
            result.append(ch)
    return "".join(result)


def caesar_table(shift):
    lower = string.ascii_lowercase
    upper = string.ascii_uppercase
    return str.maketrans(lower + upper, lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift])


msg = "Hello, World! Python 3.11"
enc = caesar(msg, 3)
print(enc)
print(caesar(enc, -3))
print(msg.translate(caesar_table(13)))
print(msg.translate(caesar_table(13)).translate(caesar_table(13)))
print("hello".translate({ord("l"): None, ord("o"): "0"}))
freq = sorted(((enc.lower().count(c), c) for c in set(enc.lower()) if c.isalpha()), reverse=True)
print(freq[:3])
print([caesar("abc", s) for s in range(0, 27, 13)])
print(string.punctuation, string.digits)
