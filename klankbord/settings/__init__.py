"""Klankbord settings: one package, configured only through the environment (see ``env.py``)."""

from .base import *  # noqa: F403
