"""Kinds, themes and stages of practice alerts, and the stage table of the dispute resolution process."""

from __future__ import annotations

from django.db import models


class AlertKind(models.TextChoices):
    GOOD_PRACTICE = "good_practice", "Good practice"
    CONCERN = "concern", "Concern"


class AlertTheme(models.TextChoices):
    REPORT = "report", "Report quality or timeliness"
    DRIFT = "drift", "Drift or delay"
    STATUTORY = "statutory", "Statutory duty not met"
    PRACTICE = "practice", "Practice"


class AlertStage(models.TextChoices):
    """Who holds a concern: the line of management in order, then outside the council."""

    TEAM_MANAGER = "team_manager", "Stage 1: team manager"
    SERVICE_MANAGER = "service_manager", "Stage 2: service manager"
    HEAD_OF_SERVICE = "head_of_service", "Stage 3: head of service"
    ASSISTANT_DIRECTOR = "assistant_director", "Stage 4: assistant director"
    DIRECTOR = "director", "Stage 5: director"
    CAFCASS = "cafcass", "Referred to Cafcass"
    LEGAL_ADVICE = "legal_advice", "Independent legal advice"


# The stage a concern starts at, and the allowed moves: each stage escalates only to the next; after the
# director the IRO refers to Cafcass or asks for independent legal advice, where the process ends.
FIRST_STAGE = AlertStage.TEAM_MANAGER
TRANSITIONS: dict[str, tuple[str, ...]] = {
    AlertStage.TEAM_MANAGER: (AlertStage.SERVICE_MANAGER,),
    AlertStage.SERVICE_MANAGER: (AlertStage.HEAD_OF_SERVICE,),
    AlertStage.HEAD_OF_SERVICE: (AlertStage.ASSISTANT_DIRECTOR,),
    AlertStage.ASSISTANT_DIRECTOR: (AlertStage.DIRECTOR,),
    AlertStage.DIRECTOR: (AlertStage.CAFCASS, AlertStage.LEGAL_ADVICE),
    AlertStage.CAFCASS: (),
    AlertStage.LEGAL_ADVICE: (),
}
# The council's own stages: each answers on a response clock; outside the council there is none.
COUNCIL_STAGES: tuple[str, ...] = (
    AlertStage.TEAM_MANAGER,
    AlertStage.SERVICE_MANAGER,
    AlertStage.HEAD_OF_SERVICE,
    AlertStage.ASSISTANT_DIRECTOR,
    AlertStage.DIRECTOR,
)
STAGE_ORDER: dict[str, int] = {stage: n for n, stage in enumerate(AlertStage.values)}
RESPONSE_RULE = "practice_alert_response"

RESOLVED = "resolved"
MOVE_CHOICES = [("", "Raised"), *AlertStage.choices, (RESOLVED, "Resolved")]
