from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "fostering.documents"
    label = "documents"
    verbose_name = "Documents and letters"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import expiring_documents_work

        register_work_provider(expiring_documents_work)
