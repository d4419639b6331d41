#!/usr/bin/env python
"""Same as the ``klankbord`` console command; kept for tools that expect manage.py."""

from klankbord.cli import main

if __name__ == "__main__":
    main()
