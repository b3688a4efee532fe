import sys

from imrgraph.cli import main

sys.exit(main())
