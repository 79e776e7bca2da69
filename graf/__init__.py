"""graf: Swedish municipal committee papers to a validated linked-data graph."""

__version__ = "0.1.0"
