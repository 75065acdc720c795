"""Dutch unless the visitor chose otherwise: the browser's language does not decide."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import check_for_language


class PortalLocaleMiddleware(LocaleMiddleware):
    """Like Django's, but only the language cookie (set by the switch) overrides LANGUAGE_CODE.

    A government portal speaks Dutch by default; an English-language browser sees Dutch until
    its user picks English.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not (language and language in dict(settings.LANGUAGES) and check_for_language(language)):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
