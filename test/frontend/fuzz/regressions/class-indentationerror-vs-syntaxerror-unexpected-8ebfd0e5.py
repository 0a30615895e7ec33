def echo():
               received = yield
                print("got", received)