"""`python -m commsplan` runs the command line."""

import sys

from commsplan.cli import main

sys.exit(main())
