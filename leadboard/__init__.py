"""leadboard: a terminal pipeline board for sales leads."""

__version__ = "0.1.0"
