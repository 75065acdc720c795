import pytest

from statutes.selectors import association_current


@pytest.fixture(autouse=True)
def dimpact_association(db):
    """The association as the seed has it: letters are addressed to its postal address."""
    association = association_current()
    association.postal_address = "Postbus 548\n7500 AM ENSCHEDE"
    association.addressee = "T.a.v. de directeur-bestuurder"
    association.save()
    return association
