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
        conclusion = self.save(commit=False)
        conclusion.plan = plan
        conclusion.updated_by = user
        conclusion.save()
        return conclusion
