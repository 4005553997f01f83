"""Errors the services report to an editor in plain words."""


class ParallaxError(Exception):
    """Base of the errors an editor is shown as a message."""


class ValidationError(ParallaxError):
    """Values an editor entered that cannot be stored; one message per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class OperationRefused(ParallaxError):
    """A change that would break the data, such as deleting a speaker still in use."""
