"""The fixed-base tables of encryption give what a modular power gives, and decrypt."""

import secrets

import pytest

from voting import crypto


@pytest.mark.parametrize("which", ["g", "a public key"])
def test_a_power_from_the_table_is_the_modular_power(which):
    # The same test ids in every process of the suite (xdist): the key is made in the test.
    base = crypto.G if which == "g" else crypto.public_of(crypto.key_secret())
    table = crypto.FixedBase(base)
    bits = crypto.EPHEMERAL_BITS
    exponents = [0, 1, 2, 63, 64, (1 << bits) - 1, 1 << (bits - 1)]
    exponents += [secrets.randbits(bits) for _ in range(20)]
    for exponent in exponents:
        assert table.power(exponent) == pow(base, exponent, crypto.P)
    assert isinstance(table.power(5), int)  # hex and JSON take it as Python's int


def test_an_exponent_beyond_the_table_is_refused():
    table = crypto.FixedBase(crypto.G, bits=12)
    assert table.power((1 << 12) - 1) == pow(crypto.G, (1 << 12) - 1, crypto.P)
    with pytest.raises(ValueError):
        table.power(1 << 12)
    with pytest.raises(ValueError):
        table.power(-1)


def test_an_encryption_from_the_tables_decrypts_to_its_weight():
    secret = crypto.key_secret()
    public = crypto.public_of(secret)
    for weight in (0, 1, 7):
        a, b = crypto.encrypt(public, weight)
        assert crypto.total_from(b, pow(a, secret, crypto.P), 10) == weight


def test_the_tables_kept_are_bounded_and_keep_the_generator():
    keys = [crypto.public_of(crypto.key_secret()) for _ in range(crypto._TABLES_KEPT + 3)]
    for public in keys:
        crypto.encrypt(public, 1)
    assert len(crypto._TABLES) <= crypto._TABLES_KEPT
    assert crypto.G in crypto._TABLES and keys[-1] in crypto._TABLES
