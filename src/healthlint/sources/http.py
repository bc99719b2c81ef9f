"""One polite HTTP client for WordPress and web pages: a user agent naming
healthlint, timeouts, retries with exponential back-off (honouring
Retry-After) on timeouts, connection errors, 429 and 5xx, and a size limit
read as the body streams in."""

from __future__ import annotations

import time
from typing import Any, Callable

import httpx

from healthlint.version import __version__
from healthlint.errors import InputError

USER_AGENT = f"healthlint/{__version__} (+https://healthlint.dev; content linter)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def make_client(timeout: float = 20.0, transport: httpx.BaseTransport | None = None,
                auth: tuple[str, str] | None = None) -> httpx.Client:
    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=True,
                        transport=transport, auth=auth)


def get(client: httpx.Client, url: str, *, params: dict[str, Any] | None = None, retries: int = 3,
        backoff: float = 0.5, max_bytes: int | None = None,
        sleep: Callable[[float], None] = time.sleep) -> tuple[httpx.Response, bytes]:
    """GET with retries; returns the last response and its body (status
    codes other than the retried ones are the caller's to judge)."""
    attempt = 0
    while True:
        try:
            with client.stream("GET", url, params=params) as response:
                if response.status_code in RETRY_STATUS and attempt < retries:
                    after = _retry_after(response)
                    wait = backoff * 2 ** attempt if after is None else after
                else:
                    return response, _read(response, url, max_bytes)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise InputError(f"{url}: not a URL healthlint can fetch ({exc})") from None
        except httpx.TimeoutException:
            if attempt >= retries:
                raise InputError(f"{url}: timed out after {retries + 1} attempts") from None
            wait = backoff * 2 ** attempt
        except httpx.TransportError as exc:
            if attempt >= retries:
                raise InputError(f"{url}: cannot connect ({type(exc).__name__}: {exc})") from None
            wait = backoff * 2 ** attempt
        sleep(min(wait, 60.0))
        attempt += 1


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None


def _read(response: httpx.Response, url: str, max_bytes: int | None) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"{url}: larger than the size limit of {max_bytes:,} bytes; raise max-file-size "
                             "if this really is one article")
        chunks.append(chunk)
    return b"".join(chunks)
