"""What a link is: affiliate, shop, scientific source, internal or external.

Data comes from the language-neutral pack ``rules/affiliate-networks.yaml``
(``networks``, ``path_signatures``, ``cloaked_paths``, ``tracking_params``,
``link_markers``, ``shop_paths``, ``shop_hosts``, ``source_hosts``), from
the phrase lists ``cta``, ``cta_label``, ``amazon_associate`` and
``bol_partner`` of ``rules/{nl,en}/affiliate.yaml``, and from config
(``[tool.healthlint.affiliate]``: ``own-domains``, ``hosts``,
``cloaked-paths``). docs/rules/affiliate.md describes the decision.

Host patterns: ``amazon.*`` matches any top-level domain (amazon.nl,
amazon.co.uk), ``*.x.y`` matches x.y and any subdomain of it, and a leading
``www.`` is ignored on both sides. Classifications are cached per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import parse_qsl, urlsplit

from healthlint.text import find

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document, Link

# Second-level labels used under a country code (amazon.co.uk, amazon.com.au).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})
# Hosts that mark a reference to research even when the pack does not list them.
_SCHOLARLY_HINTS = ("doi.org", "pubmed", "ncbi.nlm.nih.gov", "scholar.google", "europepmc", "cochrane")
# A generic parameter's value that reads as an affiliate id rather than a
# word or a date: ref=30482, aff=217, ref=ab12cd34, rfsn-style 7712345.a1b2c3
# (but not ref=rss, ref=2024, ref=newsletter2024, ref=2024-annual-report).
_ID_VALUE = re.compile(r"(?!(?:19|20)\d\d$)\d{3,}|(?=(?:[a-z.-]*\d){3})(?!.*[a-z]{4})(?=.*[a-z])[a-z0-9.-]{5,}")
_SIGNATURE_PART = re.compile(r"\{n\}|\{s\}|[^{]+")
# a language or country folder in front of a path: /nl/..., /en-us/...
_LOCALE_FOLDER = re.compile(r"^/[a-z]{2}(?:[-_][a-z]{2})?(?=/)")


@dataclass(frozen=True, slots=True)
class LinkKind:
    affiliate: bool = False
    network: str | None = None  # network id, or "cloaked" / "tracking" / "marker" / "config"
    reason: str = ""  # what made the link affiliate, for messages
    shop: bool = False  # a shop host, or a shop path (product, winkel ...) on another site
    source: bool = False  # a scientific or public-health host
    internal: bool = False
    external: bool = False
    host: str = ""
    # a weak signal (generic parameter, low-confidence redirect path) that
    # makes the link affiliate only when its text is a buy button
    weak: tuple[str, str] | None = None


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
    name: str
    params: frozenset[str]
    paths: tuple[str, ...]
    prefixes: dict[str, str]


@dataclass(slots=True)
class _Param:
    name: str
    generic: bool
    values: frozenset[str] | None
    exclude: HostSet | None


def _signature(pattern: str) -> re.Pattern[str]:
    parts = []
    for piece in _SIGNATURE_PART.findall(pattern.lower()):
        parts.append({"{n}": r"\d+", "{s}": r"[^/]+"}.get(piece) or re.escape(piece))
    return re.compile("".join(parts) + r"(?:/|$)")


class Classifier:
    """Compiled pack and config data; one per (packs, settings) pair."""

    def __init__(self, neutral: dict[str, Any], own_domains: Iterable[str] = (),
                 affiliate_hosts: Iterable[str] = (), cloaked_paths: Iterable[str] = ()):
        self.networks = HostSet()
        self.names: dict[str, str] = {}
        # (phrase list, hosts, network): programmes a page can declare it belongs to
        self.declared: list[tuple[str, HostSet, _Network]] = []
        for net in neutral.get("networks") or []:
            entry = _Network(net["id"], net.get("name", net["id"]),
                             frozenset(p.lower() for p in net.get("params") or ()),
                             tuple(p.lower() for p in net.get("paths") or ()),
                             {k.lower(): v.lower() for k, v in (net.get("param_prefixes") or {}).items()})
            self.names[entry.id] = entry.name
            for host in net["hosts"]:
                self.networks.add(host, entry)
            if net.get("declared_by"):
                self.declared.append((net["declared_by"], HostSet((h, True) for h in net["hosts"]), entry))
        for host in affiliate_hosts:
            self.networks.add(host, _Network("config", "configured affiliate host", frozenset(), (), {}))
        self.signatures = [(_signature(s["pattern"]), s["network"]) for s in neutral.get("path_signatures") or []]
        # high-confidence prefixes (and the site's own) always; low-confidence
        # ones (/out/, /link/ ...) only on a link that opens a new tab, is
        # already marked nofollow/sponsored, or is a buy button
        self.cloaked = tuple(dict.fromkeys(
            [_norm_prefix(c["prefix"]) for c in neutral.get("cloaked_paths") or []
             if c.get("confidence", "high") == "high"]
            + [_norm_prefix(p) for p in cloaked_paths if p.strip("/")]
        ))
        self.cloaked_weak = tuple(dict.fromkeys(
            _norm_prefix(c["prefix"]) for c in neutral.get("cloaked_paths") or []
            if c.get("confidence", "high") != "high"
        ))
        self.tracking: dict[str, _Param] = {}
        for entry in neutral.get("tracking_params") or []:
            exclude = entry.get("not_on_hosts")
            values = entry.get("values")
            self.tracking[entry["param"].lower()] = _Param(
                entry.get("name") or entry["param"], bool(entry.get("generic")),
                frozenset(v.lower() for v in values) if values else None,
                HostSet((h, True) for h in exclude) if exclude else None)
        self.marker_classes: dict[str, str] = {}
        self.marker_prefixes: list[tuple[str, str]] = []
        self.marker_attrs: dict[str, str] = {}
        self.marker_attr_prefixes: list[tuple[str, str]] = []
        for m in neutral.get("link_markers") or []:
            if m.get("class"):
                self.marker_classes[m["class"].lower()] = m["name"]
            elif m.get("class_prefix"):
                self.marker_prefixes.append((m["class_prefix"].lower(), m["name"]))
            elif m.get("attr"):
                self.marker_attrs[m["attr"].lower()] = m["name"]
            elif m.get("attr_prefix"):
                self.marker_attr_prefixes.append((m["attr_prefix"].lower(), m["name"]))
        self.shop_paths = frozenset(p.lower() for p in neutral.get("shop_paths") or ())
        self.shops = HostSet((e["host"], True) for e in neutral.get("shop_hosts") or [])
        self.sources = HostSet((e["host"], True) for e in neutral.get("source_hosts") or [])
        # a subdomain of the site (blog.example.nl) is the site itself
        self.own = HostSet((_subdomains_of(d), True) for d in own_domains)

    def _marker(self, attrs: dict[str, str]) -> str | None:
        for token in attrs.get("class", "").lower().split():
            name = self.marker_classes.get(token)
            if name is None:
                name = next((n for prefix, n in self.marker_prefixes if token.startswith(prefix)), None)
            if name is not None:
                return f'{name}: class "{token}"'
        for attr in attrs:
            attr = attr.lower()
            name = self.marker_attrs.get(attr)
            if name is None:
                name = next((n for prefix, n in self.marker_attr_prefixes if attr.startswith(prefix)), None)
            if name is not None:
                return f"{name}: {attr}"
        # the author's own mark for a paid link (Google asks for it on affiliate links)
        if "sponsored" in attrs.get("rel", "").lower().split():
            return 'rel="sponsored"'
        return None

    def _network(self, net: _Network, host: str, path: str, query: dict[str, str]) -> str | None:
        if not (net.params or net.paths or net.prefixes):
            return f"{net.name}: {host}"
        for param in net.params:
            if query.get(param):
                return f"{net.name}: {param}="
        for prefix in net.paths:
            if path.startswith(prefix):
                return f"{net.name}: {prefix}"
        for param, prefix in net.prefixes.items():
            if query.get(param, "").lower().startswith(prefix):
                return f"{net.name}: {param}={prefix}…"
        return None

    def _tracking(self, host: str, path: str, query: dict[str, str], shop: bool) -> tuple[str | None, str | None]:
        """(strong reason, weak reason) from the query parameters."""
        weak = None
        for param, value in query.items():
            spec = self.tracking.get(param)
            if spec is None or not value:
                continue
            if spec.exclude is not None and host in spec.exclude:
                continue
            if spec.values is not None and value.lower() not in spec.values:
                continue
            reason = f"{spec.name}: {param}={value[:24]}"
            # affiliate ids are short; the length cap also bounds the regex
            if not spec.generic or shop or (len(value) <= 64 and _ID_VALUE.fullmatch(value.lower())):
                return reason, None
            weak = weak or reason
        return None, weak

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
        source = bool(host) and not internal and (host in self.sources or any(h in host for h in _SCHOLARLY_HINTS))
        shop = bool(host) and not internal and not source and (
            host in self.shops or any(seg in self.shop_paths for seg in path.split("/")))
        network = reason = weak = None
        net = self.networks.get(host) if host else None
        if net is not None:
            reason = self._network(net, host, path, query)
            network = net.id if reason else None
        if network is None and host and not internal:
            for signature, net_id in self.signatures:
                if signature.match(path):
                    network, reason = net_id, f"{self.names.get(net_id, net_id)}: tracking path {path[:30]}"
                    break
        if network is None and internal:
            # the redirect path may sit in a language or country folder: /nl/go/x, /en-us/out/x
            paths = (path, _LOCALE_FOLDER.sub("", path, count=1))
            prefix = next((p for p in self.cloaked for q in paths if q.startswith(p)), None)
            if prefix is not None:
                network, reason = "cloaked", f"affiliate redirect {prefix} on the site itself"
            else:
                prefix = next((p for p in self.cloaked_weak for q in paths if q.startswith(p)), None)
                if prefix is not None:
                    what = f"affiliate redirect {prefix} on the site itself"
                    rel = (attrs or {}).get("rel", "").lower().split()
                    if (attrs or {}).get("target", "").lower() == "_blank" or "sponsored" in rel or "nofollow" in rel:
                        network, reason = "cloaked", what
                    else:
                        weak = ("cloaked", what)
        if network is None and query and not internal and not source:
            strong, maybe = self._tracking(host, path, query, shop)
            if strong:
                network, reason = "tracking", strong
            elif maybe and weak is None:
                weak = ("tracking", maybe)
        if network is None and attrs:
            marker = self._marker(attrs)
            if marker is not None:
                network, reason = "marker", marker
        affiliate = network is not None
        return LinkKind(affiliate=affiliate, network=network, reason=reason or "", shop=shop,
                        source=source and not affiliate, internal=internal, external=not internal, host=host,
                        weak=None if affiliate else weak)


def _subdomains_of(domain: str) -> str:
    """A host pattern for a configured own domain and all its subdomains."""
    domain = domain.strip().lower()
    if "://" in domain:
        domain = urlsplit(domain).hostname or ""
    domain = normalise_host(domain.removeprefix("*."))
    return f"*.{domain}" if domain else ""


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
    """The kind of one link of ctx.doc (cached per document). Besides the URL
    and the tag's attributes, the page counts: a programme membership
    statement ("As an Amazon Associate ...") makes every link to that
    programme's hosts affiliate, and buy-button text confirms a weak signal."""
    doc = ctx.doc
    cache = doc._cache.get("link_kinds")
    if cache is None:
        cache = doc._cache["link_kinds"] = {}
    kind = cache.get(id(link))
    if kind is None:
        kind = classifier(ctx).classify(link.href, _canonical_host(doc), link.attrs)
        if not kind.affiliate and kind.host:
            kind = _declared(kind, ctx) or kind
        if not kind.affiliate and kind.weak is not None and is_buy_button(link, ctx):
            network, why = kind.weak
            kind = replace(kind, affiliate=True, network=network, reason=f"{why}, with a buy button",
                           source=False, weak=None)
        cache[id(link)] = kind
    return kind


def _declared(kind: LinkKind, ctx: Context) -> LinkKind | None:
    for list_name, hosts, net in classifier(ctx).declared:
        if kind.host in hosts and _page_declares(list_name, ctx):
            return replace(kind, affiliate=True, network=net.id, source=False, weak=None,
                           reason=f"{net.name}: the page says it takes part in the programme")
    return None


def _page_declares(list_name: str, ctx: Context) -> bool:
    doc = ctx.doc
    key = ("declares", list_name)
    found = doc._cache.get(key)
    if found is None:
        found = doc._cache[key] = any(find(doc, ctx.phrases(list_name, lang), scope="all")
                                      for lang in _page_langs(ctx))
    return found


def _page_langs(ctx: Context) -> tuple[str, ...]:
    """The page's language first, then the other: an English Amazon
    statement or "Check price" button on a Dutch page still counts."""
    return ("nl", "en") if ctx.lang == "nl" else ("en", "nl")


def is_buy_button(link: Link, ctx: Context) -> bool:
    """The link text is a buy call to action: a `cta` phrase anywhere in it
    ("Koop nu bij bol.com"), a `cta_label` at its start ("Bekijk prijs",
    "Check price at iHerb") or a `cta_button` as the whole text ("Bestel",
    "Buy")."""
    text = link.text.strip(" \t\n»›→>«‹←<·|*_-:")
    if not text:
        return False
    return any(ctx.phrases("cta", lang).search(text) or ctx.phrases("cta_label", lang).match(text)
               or ctx.phrases("cta_button", lang).fullmatch(text) for lang in _page_langs(ctx))


def is_citation(link: Link, ctx: Context) -> bool:
    """An outbound link that can back a claim: external, not affiliate, not a shop."""
    kind = classify(link, ctx)
    return kind.external and not kind.affiliate and not kind.shop


def sales_link(link: Link, ctx: Context) -> bool:
    """A buy button to a shop: commercial even without an affiliate id."""
    return classify(link, ctx).shop and is_buy_button(link, ctx)


def reason(link: Link, ctx: Context) -> str:
    """Why a commercial link counts, for finding messages."""
    kind = classify(link, ctx)
    if kind.affiliate:
        return kind.reason or kind.network or kind.host
    if sales_link(link, ctx):
        return f"buy button to a shop ({kind.host})"
    return kind.host or link.href


def affiliate_links(doc: Document, ctx: Context) -> list[Link]:
    """Every affiliate link of the document, in source order (cached)."""
    cached = doc._cache.get("affiliate_links")
    if cached is None:
        cached = doc._cache["affiliate_links"] = [link for link in doc.links if classify(link, ctx).affiliate]
    return cached
