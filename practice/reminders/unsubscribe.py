"""Signed one-click unsubscribe tokens for reminder emails.

A token names one person, one routine and the routine's email "epoch": turning email reminders
off moves the epoch on, so a link works once, and a link from an old email cannot switch off
reminders turned on again since. The signature (django.core.signing, keyed by SECRET_KEY) means
a token cannot be made up or changed to point at someone else.
"""

from dataclasses import dataclass

from django.core import signing

SALT = "practice.reminders.unsubscribe"


class BadToken(Exception):
    pass


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    routine_id: int
    epoch: int


def make_token(user_id: int, routine_id: int, epoch: int) -> str:
    return signing.dumps([user_id, routine_id, epoch], salt=SALT)


def read_token(token: str) -> Unsubscribe:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise BadToken("The link is not one we sent.") from error
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not all(isinstance(part, int) and not isinstance(part, bool) for part in value)
    ):
        raise BadToken("The link is not one we sent.")
    return Unsubscribe(*value)
