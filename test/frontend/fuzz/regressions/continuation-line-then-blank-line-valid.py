print(nested) \

try:
    pass
except E:
    pass
