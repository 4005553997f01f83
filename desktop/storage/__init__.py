"""Engine, sessions, schema and queries: SQLAlchemy only, no Qt."""
