match "whole":
    case :everything
        print(everything)
