"""``python -m qa`` runs the factqa command."""

from qa.cli import main

main()
