"""The `slaclock` command: the only layer that reads argv, files or the clock."""
