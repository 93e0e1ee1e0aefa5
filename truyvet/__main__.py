"""``python -m truyvet`` runs the command line."""
from truyvet.queries.cli import main

main(prog_name="truyvet")
