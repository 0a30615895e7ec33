class Temperature:
    @property
def celsius(self):
        return self._celsius
    def from_fahrenheit(cls, f):