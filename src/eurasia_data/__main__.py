"""``python -m eurasia_data search 普京`` / ``python -m eurasia_data info``."""

import sys

from .cli import main

sys.exit(main())
