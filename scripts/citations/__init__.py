"""The citation engine: source registry, citation parser, note styles, page rendering, checks."""
