def ends(*):
        case [*finally, "end"]: