"""Pages of Fostering panel and agency decision maker."""
