"""`python -m tui` is `wyber`."""

import sys

from tui.cli import main

sys.exit(main())
