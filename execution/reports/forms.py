"""The teacher's conclusions on the report page."""

from django import forms

from execution.models import Conclusion
from plans.forms import too_long

from .services import CONCLUSION_LABELS

LIMIT = 5000
FIELDS = ["achieved", "difficulties", "next_year"]


class ConclusionForm(forms.ModelForm):
    class Meta:
        model = Conclusion
        fields = FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in FIELDS}
        labels = CONCLUSION_LABELS
        error_messages = {name: {"max_length": too_long(LIMIT)} for name in FIELDS}

    def save_by(self, user, plan) -> Conclusion:
        """Write the plan's one conclusion (update_or_create: two first saves at once make one
        row, not an error)."""
        values = {name: self.cleaned_data[name] for name in FIELDS}
        conclusion, _created = Conclusion.objects.update_or_create(
            plan=plan, defaults={**values, "updated_by": user}
        )
        return conclusion
