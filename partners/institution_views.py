"""The institution's settings, kept by administrators: names, city, director, logo, and whether
it runs a summer programme (its working months, which the coverage flags when empty).

They appear in every printed plan (the approval block, the title page). The logo is an image
checked by its content (PNG or JPEG, opened by Pillow), at most LOGO_MAX_BYTES; it is stored
under MEDIA_ROOT/institution/ and served by `institution_logo` to signed-in users only.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import policy
from partners.models import Institution

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = [
            "name",
            "short_name",
            "city",
            "director_title",
            "director_name",
            "logo",
            "summer_programme",
        ]
        # The full name is long (up to 300 characters): a one-line box cut it off.
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "director_title": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "logo": gettext_lazy("PNG or JPEG, at most 1 MB. Printed at the top of the plan."),
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_director_title(self):
        return " ".join(self.cleaned_data["director_title"].split())

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.instance.logo:
            return logo  # unchanged or cleared
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is too large: at most 1 MB."))
        # forms.ImageField has opened the file with Pillow: trust its format, not the name.
        image = getattr(logo, "image", None)
        extension = LOGO_FORMATS.get(getattr(image, "format", None))
        if extension is None:
            raise forms.ValidationError(_("The logo must be a PNG or JPEG image."))
        logo.name = f"logo.{extension}"
        return logo


def get_institution() -> Institution | None:
    return Institution.objects.order_by("pk").first()


@login_required
def institution_settings(request):
    if not policy.may_manage_institution(request.user):
        raise PermissionDenied
    institution = get_institution()
    form = InstitutionForm(request.POST or None, request.FILES or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The institution's settings are saved."))
        return redirect("institution")
    context = {"form": form, "institution": institution}
    return render(request, "partners/institution_form.html", context)


@login_required
def institution_logo(request):
    institution = get_institution()
    if institution is None or not institution.logo:
        raise Http404
    try:
        with institution.logo.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    content_type = "image/png" if institution.logo.name.endswith(".png") else "image/jpeg"
    response = HttpResponse(data, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response
