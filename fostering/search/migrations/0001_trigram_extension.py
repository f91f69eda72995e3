"""pg_trgm for the similarity of names in the search. ``TrigramExtension`` does nothing on a database
that is not PostgreSQL (SQLite in development and tests), where the search matches words instead."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [TrigramExtension()]
