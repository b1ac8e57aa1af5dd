"""One module per group of CLI commands; each has ``run(args) -> int``."""
