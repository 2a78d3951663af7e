"""`manage.py demo`: the seed's «Рукодельница» plans, the showcase and the execution of the
plans, as live data; idempotent, a second run changes nothing.

It lives in execution, the app above plans: plans' loader (plans.demo.seed) first, then the
execution's (execution.demo), so plans never imports execution.
"""

import os

from django.core.management.base import BaseCommand
from django.db import transaction

from execution import demo as execution_demo
from plans.demo import seed


class Command(BaseCommand):
    help = (
        "Load Центр «Созвездие» and the «Рукодельница» plans of the seed as demo data, with "
        "what was held of them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the demo users (else DEMO_PASSWORD, else a random one).",
        )

    def handle(self, *args, password=None, **options):
        password = password or os.environ.get("DEMO_PASSWORD") or ""
        with transaction.atomic():
            users = seed.load(password, self.stderr)
            execution_demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded: Центр «Созвездие»."))
        if users.created:
            self.stdout.write("Demo users: " + ", ".join(users.created))
            if users.generated:
                self.stdout.write(f"Their password (shown once): {users.password}")
