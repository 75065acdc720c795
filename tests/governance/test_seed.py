"""The demo board from the seed: the missed re-appointment, composition, attendance, WNT."""

import datetime
import io

from django.core.management import call_command

from governance import selectors
from governance.models import Commissioner, Term

D = datetime.date


def test_besselinks_missed_reappointment_is_flagged_until_repaired(governance_seeded):
    lapsed = selectors.terms_lapsed(D(2020, 1, 15))
    assert [(t.commissioner.slug, t.ends_on) for t in lapsed] == [
        ("carolien-besselink", D(2019, 12, 9))
    ]
    assert selectors.terms_lapsed(D(2020, 5, 21)) == []
    repair = Term.objects.get(commissioner__slug="carolien-besselink", number=2)
    assert repair.resolution.title == "Herbenoeming Carolien Besselink als commissaris"
    assert repair.decision == repair.resolution.decision
    assert repair.starts_on == D(2019, 12, 10) and repair.decided_on == D(2020, 5, 20)


def test_composition_mid_2019_is_complete(governance_seeded):
    check = selectors.composition(D(2019, 6, 30))
    assert (check.bound, check.unbound) == (5, 2)
    assert not {"composition-vacancy-bound", "composition-vacancy-unbound"} & check.codes
    assert "composition-member-unknown" in check.codes  # Meertens, Oostmeijer: member unknown


def test_composition_end_2019_misses_an_unbound_seat(governance_seeded):
    check = selectors.composition(D(2019, 12, 31))
    assert (check.bound, check.unbound) == (5, 1)
    assert check.codes == {"composition-vacancy-unbound"}
    assert check.vacancies["unbound"] == 1


def test_wnt_maxima_as_in_the_annual_accounts(governance_seeded):
    rows = {row.commissioner.slug: row for row in selectors.wnt_rows(2019)}
    assert rows["arco-groothedde"].maximum == 18231  # 1 January to 9 December
    assert rows["carolien-besselink"].maximum == 19400  # the full year
    assert rows["arco-groothedde"].paid == 4000 and not rows["arco-groothedde"].exceeds
    rows_2018 = {row.commissioner.slug: row for row in selectors.wnt_rows(2018)}
    assert rows_2018["carolien-besselink"].maximum == 18900


def test_an_excessive_payment_is_a_finding(governance_seeded, secretariat):
    from governance import services

    person = Commissioner.objects.get(slug="arco-groothedde")
    services.remuneration_record(user=secretariat, commissioner=person, year=2019, paid=18232)
    row = next(r for r in selectors.wnt_rows(2019) if r.commissioner == person)
    assert row.exceeds


def test_the_seven_board_meetings_of_2019(governance_seeded):
    table = selectors.attendance_table(2019)
    assert len(table) == 7
    rates = {rate.commissioner.slug: rate for rate in selectors.attendance_rates(2019)}
    assert (rates["carolien-besselink"].present, rates["carolien-besselink"].meetings) == (6, 7)
    assert rates["henk-ten-brinke"].percent == 86


def test_loading_twice_changes_nothing(governance_seeded):
    from pathlib import Path

    import yaml
    from django.conf import settings

    from dimpact_portal.seeding import SeedReport
    from governance.seed import governance_seed_load
    from meetings.seed import meetings_seed_load

    report = SeedReport()
    data = yaml.safe_load((Path(settings.BASE_DIR) / "seed" / "governance.yaml").read_text())
    meetings_seed_load(data, report)
    governance_seed_load(data, report)
    assert not report.changed_anything


def test_board_report(governance_seeded):
    out = io.StringIO()
    call_command("board_report", "--on", "2019-12-31", "--wnt", "2019", stdout=out)
    text = out.getvalue()
    assert "Carolien Besselink: term 1 ended 09-12-2019" in text
    assert "maximum 18.231" in text and "maximum 19.400" in text
