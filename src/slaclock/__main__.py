"""``python -m slaclock``: the `slaclock` command."""

import sys

from slaclock.cli.main import main

sys.exit(main())
