"""Entry point for ``python -m interview_coach``."""

import sys

from interview_coach.cli.main import main

sys.exit(main())
