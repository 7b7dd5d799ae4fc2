"""gunicorn's access log without the secrets some addresses carry (acupressure/logs.py).

Used with ``gunicorn --logger-class acupressure.gunicorn_logging.Logger`` (docs/deploy.md).
"""

from gunicorn.glogging import Logger as GunicornLogger

from acupressure.logs import hide_tokens


class Logger(GunicornLogger):
    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        # The request line, the path, the referrer and any request header may hold one.
        return {
            key: hide_tokens(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }
