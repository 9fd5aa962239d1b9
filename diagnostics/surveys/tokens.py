"""Unguessable links: the personal links of invitations and the optional public link.

A link's token is HMAC-SHA256(SECRET_KEY, nonce), where the nonce comes from
`secrets.token_urlsafe(24)` (192 random bits, never derived from an id). The database keeps the
nonce and the token's SHA-256 only: a copy of the database alone opens no answer, yet the
application can write a link again (links CSV, reminders). A link found by its hash stays valid
after a SECRET_KEY rotation; writing it again then needs the old key in SECRET_KEY_FALLBACKS.
"""

import base64
import hashlib
import hmac
import re
import secrets

from django.conf import settings

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def new_nonce():
    return secrets.token_urlsafe(24)


def token_for(nonce, key=None):
    key = key if key is not None else settings.SECRET_KEY
    digest = hmac.new(key.encode(), b"survey-link:" + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue(nonce=None):
    """(nonce, token hash) of a new link."""
    nonce = nonce or new_nonce()
    return nonce, hash_token(token_for(nonce))


def token_of(nonce, token_hash):
    """The token whose hash is stored, written again from the nonce; None when no known key
    gives it (the key changed and the old one is not among the fallbacks)."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    for key in keys:
        token = token_for(nonce, key)
        if hmac.compare_digest(hash_token(token), token_hash):
            return token
    return None


def lookup_hash(token):
    """The hash to look a token up by, or None for what cannot be a token (no query then)."""
    if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
        return None
    return hash_token(token)


def ip_hash(address):
    """A keyed hash of the visitor's address: enough to count answers per address for the
    public link's rate limit, without keeping the address itself."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"survey-ip:" + (address or "").encode(), hashlib.sha256).hexdigest()
