class Switch:
    def __init__(self, on):
        self.on = on
        \
return self.on