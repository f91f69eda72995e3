import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

# Work a web process would otherwise do in its first requests: the indicators' chart shapes (Altair).
from fostering.indicators.charts import warm  # noqa: E402

warm()
