"""Pages of Allegations and complaints."""
