from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "fostering.reviews"
    label = "reviews"
    verbose_name = "Children's reviews"

    def ready(self) -> None:
        from fostering.accounts.permissions import Perm
        from fostering.children.deadlines import register_first_review_length
        from fostering.children.sections import register_child_deadlines, register_child_link
        from fostering.deadlines.items import register_work_provider

        from .deadlines import iro_my_work
        from .selectors import child_deadlines, first_review_lengths

        register_child_link("Reviews and IRO", "reviews:child", Perm.VIEW_CHILD_REVIEWS, order=10)
        register_child_deadlines("reviews", child_deadlines)
        register_first_review_length(first_review_lengths)
        register_work_provider(iro_my_work)
