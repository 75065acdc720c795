"""Recount a closed secret poll from what it publishes (as `scripts/recount.py` does from the
downloaded JSON): `manage.py poll_recount POLL_ID [--json FILE]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from voting import selectors
from voting.models import Poll
from voting.recount import recount


class Command(BaseCommand):
    help = "Recount a closed secret poll from its published ciphertexts and decryption."

    def add_arguments(self, parser):
        parser.add_argument("poll", type=int)
        parser.add_argument("--json", help="Also write the published data to this file.")

    def handle(self, *args, **options):
        poll = Poll.objects.filter(pk=options["poll"]).first()
        data = selectors.poll_published(poll) if poll else None
        if data is None:
            raise CommandError("No closed secret poll with that number.")
        if options["json"]:
            with open(options["json"], "w") as handle:
                json.dump(data, handle, indent=1)
        report = recount(data)
        self.stdout.write(f"poll {poll.pk}: {report.ballots} ballots")
        for name, total in report.totals.items():
            self.stdout.write(f"  {name}: {total}")
        for problem in report.problems:
            self.stdout.write(f"PROBLEM: {problem}")
        if not report.ok:
            raise CommandError("The recount does not agree with the published data.")
        self.stdout.write("recount agrees with the published result")
