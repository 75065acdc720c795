"""Input of the supervisory board's pages: a date to show the board on, and the evaluation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.constants import SCORE_MAX, SCORE_MIN


class OnDateForm(forms.Form):
    on = forms.DateField(
        label=_("On"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class EvaluationForm(forms.Form):
    """One choice field per statement, 1 to 5."""

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(score, str(score)) for score in range(SCORE_MIN, SCORE_MAX + 1)]
        for statement in statements:
            self.fields[f"s{statement.pk}"] = forms.TypedChoiceField(
                label=statement.text, choices=choices, coerce=int, widget=forms.RadioSelect
            )

    def scores(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}
