"""Static files storage: hashed names and pre-compressed copies, served by whitenoise."""

from django.conf import settings
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Brotli next to gzip unless STATIC_BROTLI=0: brotli at its best level takes about a
    minute of collectstatic on two cores, worth it for a deployment, not for a test run."""

    def create_compressor(self, **kwargs) -> Compressor:
        return Compressor(use_brotli=settings.STATIC_BROTLI, **kwargs)
