"""``python -m gazetag``: the same as the ``gazetag`` command."""

import sys

from gazetag.cli import main

sys.exit(main())
