from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "fostering.reviews"
    label = "reviews"
    verbose_name = "Children's reviews"
