"""What a link is: affiliate, shop, scientific source, internal or external.

Data comes from the language-neutral pack ``rules/affiliate-networks.yaml``
(``networks``, ``cloaked_paths``, ``tracking_params``, ``shop_hosts``,
``source_hosts``) and from config (``[tool.healthlint.affiliate]``:
``own-domains``, ``hosts``, ``cloaked-paths``).

Host patterns: ``amazon.*`` matches any top-level domain (amazon.nl,
amazon.co.uk), ``*.x.y`` matches x.y and any subdomain of it, and a leading
``www.`` is ignored on both sides. Classifications are cached per document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import parse_qsl, urlsplit

if TYPE_CHECKING:
    from healthlint.engine import Context
    from healthlint.model import Document, Link

# Second-level labels used under a country code (amazon.co.uk, amazon.com.au).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})
# Tracking parameters too generic to mean "affiliate" anywhere but on a shop
# (?ref=main on GitHub, ?via= on share links).
_SHOP_ONLY_PARAMS = frozenset({"ref", "via", "subid", "aff"})
# Hosts that mark a reference to research even when the pack does not list them.
_SCHOLARLY_HINTS = ("doi.org", "pubmed", "ncbi.nlm.nih.gov", "scholar.google", "europepmc", "cochrane")


@dataclass(frozen=True, slots=True)
class LinkKind:
    affiliate: bool = False
    network: str | None = None  # network id, or "cloaked" / "tracking" / "config"
    shop: bool = False
    source: bool = False  # a scientific or public-health host
    internal: bool = False
    external: bool = False
    host: str = ""


def normalise_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host


def _strip_tld(host: str) -> str | None:
    """'amazon.co.uk' -> 'amazon'; 'smile.amazon.de' -> 'smile.amazon'."""
    labels = host.split(".")
    if len(labels) < 2:
        return None
    labels = labels[:-1]
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    return ".".join(labels)


class HostSet:
    """A set of host patterns with O(labels) lookup."""

    __slots__ = ("exact", "subdomains", "any_tld", "values")

    def __init__(self, patterns: Iterable[tuple[str, Any]] = ()):
        self.exact: dict[str, Any] = {}
        self.subdomains: dict[str, Any] = {}
        self.any_tld: dict[str, Any] = {}
        for pattern, value in patterns:
            self.add(pattern, value)

    def add(self, pattern: str, value: Any = True) -> None:
        pattern = pattern.strip().lower()
        if "://" in pattern:
            pattern = urlsplit(pattern).hostname or ""
        sub = pattern.startswith("*.")
        if sub:
            pattern = pattern[2:]
        pattern = normalise_host(pattern)
        if not pattern:
            return
        if pattern.endswith(".*"):
            self.any_tld.setdefault(pattern[:-2], value)
        elif sub:
            self.subdomains.setdefault(pattern, value)
            self.exact.setdefault(pattern, value)
        else:
            self.exact.setdefault(pattern, value)

    def get(self, host: str) -> Any:
        host = normalise_host(host)
        if not host:
            return None
        hit = self.exact.get(host)
        if hit is not None:
            return hit
        if self.subdomains:
            labels = host.split(".")
            for i in range(1, len(labels) - 1):
                hit = self.subdomains.get(".".join(labels[i:]))
                if hit is not None:
                    return hit
        if self.any_tld:
            stem = _strip_tld(host)
            if stem is not None:
                hit = self.any_tld.get(stem)
                if hit is not None:
                    return hit
        return None

    def __contains__(self, host: str) -> bool:
        return self.get(host) is not None


@dataclass(slots=True)
class _Network:
    id: str
    params: frozenset[str]
    paths: tuple[str, ...]


class Classifier:
    """Compiled pack and config data; one per (packs, settings) pair."""

    def __init__(self, neutral: dict[str, Any], own_domains: Iterable[str] = (),
                 affiliate_hosts: Iterable[str] = (), cloaked_paths: Iterable[str] = ()):
        self.networks = HostSet()
        for net in neutral.get("networks") or []:
            entry = _Network(net["id"], frozenset(p.lower() for p in net.get("params") or ()),
                             tuple(p.lower() for p in net.get("paths") or ()))
            for host in net["hosts"]:
                self.networks.add(host, entry)
        for host in affiliate_hosts:
            self.networks.add(host, _Network("config", frozenset(), ()))
        # high-confidence prefixes (and the site's own) always; low-confidence
        # ones (/out/, /link/ ...) only on a link that opens a new tab or is
        # already marked nofollow/sponsored, as redirects to merchants are
        self.cloaked = tuple(dict.fromkeys(
            [_norm_prefix(c["prefix"]) for c in neutral.get("cloaked_paths") or []
             if c.get("confidence", "high") == "high"]
            + [_norm_prefix(p) for p in cloaked_paths if p.strip("/")]
        ))
        self.cloaked_weak = tuple(dict.fromkeys(
            _norm_prefix(c["prefix"]) for c in neutral.get("cloaked_paths") or []
            if c.get("confidence", "high") != "high"
        ))
        self.tracking: dict[str, HostSet | None] = {}
        for entry in neutral.get("tracking_params") or []:
            exclude = entry.get("not_on_hosts")
            self.tracking[entry["param"].lower()] = HostSet((h, True) for h in exclude) if exclude else None
        self.shops = HostSet((e["host"], True) for e in neutral.get("shop_hosts") or [])
        self.sources = HostSet((e["host"], True) for e in neutral.get("source_hosts") or [])
        self.own = HostSet((d, True) for d in own_domains)

    def classify(self, href: str, canonical_host: str = "", attrs: dict[str, str] | None = None) -> LinkKind:
        href = (href or "").strip()
        lower = href.lower()
        if not href or lower.startswith(("#", "mailto:", "tel:", "javascript:", "data:", "sms:")):
            return LinkKind(internal=not lower.startswith(("mailto:", "tel:", "sms:")) and lower.startswith("#"))
        try:
            parts = urlsplit(href if not href.startswith("//") else "https:" + href)
            host = normalise_host(parts.hostname or "")
        except ValueError:
            return LinkKind()
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return LinkKind()
        path = (parts.path or "/").lower()
        if not host and not path.startswith("/"):  # "go/x", "../go/x"
            while path.startswith(("./", "../")):
                path = path.split("/", 1)[1]
            path = "/" + path
        query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
        internal = not host or host in self.own or (bool(canonical_host) and host == canonical_host)
        network: str | None = None
        net = self.networks.get(host) if host else None
        if net is not None:
            if net.params or net.paths:
                if any(p in query and query[p] for p in net.params) or any(path.startswith(p) for p in net.paths):
                    network = net.id
            else:
                network = net.id
        if network is None and internal:
            if any(path.startswith(prefix) for prefix in self.cloaked):
                network = "cloaked"
            elif attrs is not None and any(path.startswith(prefix) for prefix in self.cloaked_weak):
                rel = attrs.get("rel", "").lower().split()
                if attrs.get("target", "").lower() == "_blank" or "sponsored" in rel or "nofollow" in rel:
                    network = "cloaked"
        shop = bool(host) and host in self.shops
        if network is None and query and not internal:
            for param in query:
                if param in self.tracking:
                    exclude = self.tracking[param]
                    if exclude is not None and host in exclude:
                        continue
                    if param in _SHOP_ONLY_PARAMS and not shop:
                        continue
                    network = "tracking"
                    break
        source = bool(host) and not internal and (host in self.sources or any(h in host for h in _SCHOLARLY_HINTS))
        affiliate = network is not None
        return LinkKind(affiliate=affiliate, network=network, shop=shop,
                        source=source and not affiliate, internal=internal, external=not internal, host=host)


def _norm_prefix(prefix: str) -> str:
    prefix = prefix.strip().lower()
    if not prefix.startswith("/"):
        prefix = "/" + prefix
    if not prefix.endswith("/"):
        prefix += "/"
    return prefix


def classifier(ctx: Context) -> Classifier:
    """The classifier for this context's packs and settings (cached on the packs)."""
    settings = ctx.settings
    key = ("links", tuple(settings.own_domains), tuple(settings.affiliate_hosts), tuple(settings.cloaked_paths))
    cache = ctx.packs.__dict__.setdefault("_link_classifiers", {})
    found = cache.get(key)
    if found is None:
        found = cache[key] = Classifier(ctx.packs.neutral, settings.own_domains, settings.affiliate_hosts,
                                        settings.cloaked_paths)
    return found


def _canonical_host(doc: Document) -> str:
    canonical = doc.meta.canonical
    if not canonical:
        return ""
    try:
        return normalise_host(urlsplit(canonical).hostname or "")
    except ValueError:
        return ""


def classify(link: Link, ctx: Context) -> LinkKind:
    """The kind of one link of ctx.doc (cached per document)."""
    doc = ctx.doc
    cache = doc._cache.get("link_kinds")
    if cache is None:
        cache = doc._cache["link_kinds"] = {}
    kind = cache.get(id(link))
    if kind is None:
        kind = cache[id(link)] = classifier(ctx).classify(link.href, _canonical_host(doc), link.attrs)
    return kind


def is_citation(link: Link, ctx: Context) -> bool:
    """An outbound link that can back a claim: external, not affiliate, not a shop."""
    kind = classify(link, ctx)
    return kind.external and not kind.affiliate and not kind.shop


def affiliate_links(doc: Document, ctx: Context) -> list[Link]:
    """Every affiliate link of the document, in source order (cached)."""
    cached = doc._cache.get("affiliate_links")
    if cached is None:
        cached = doc._cache["affiliate_links"] = [link for link in doc.links if classify(link, ctx).affiliate]
    return cached
