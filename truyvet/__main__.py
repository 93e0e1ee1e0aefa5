"""``python -m truyvet`` runs the command line."""
from truyvet.cli import main

main(prog_name="truyvet")
