"""The portal's PostgreSQL backend (`ENGINE = "dimpact_portal.db"`): Django's, with a health
check that costs no round trip (`base.DatabaseWrapper`)."""
