"""Pages of Payments to carers."""
