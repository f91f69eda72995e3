from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views
from .choices import LETTERS_FOR, RecordKind

app_name = "documents"

urlpatterns = (
    [
        path(
            f"{kind}/<int:pk>/upload/",
            login_required(views.upload),
            {"kind": kind.value},
            name=f"upload_{kind.value}",
        )
        for kind in (
            RecordKind.HOUSEHOLD,
            RecordKind.PERSON,
            RecordKind.CHILD,
            RecordKind.ASSESSMENT,
            RecordKind.PANEL_ITEM,
        )
    ]
    + [
        path(
            f"{kind}/<int:pk>/letter/",
            login_required(views.letter_start),
            {"kind": str(kind)},
            name=f"letter_{kind}",
        )
        for kind in LETTERS_FOR
    ]
    + [
        path("<int:pk>/download/", login_required(views.download), name="download"),
        path("letters/<int:pk>/", login_required(views.letter_edit), name="letter_edit"),
        path("letters/<int:pk>/issue/", login_required(views.letter_issue), name="letter_issue"),
        path("letter-templates/", login_required(views.template_list), name="template_list"),
        path("letter-templates/<int:pk>/", login_required(views.template_edit), name="template_edit"),
    ]
)
