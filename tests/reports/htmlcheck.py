"""Reading rendered HTML back the way a browser's parser would, for assertions."""

from __future__ import annotations

from html.parser import HTMLParser

ACTIVE_TAGS = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "meta"}


class ParsedPage(HTMLParser):
    """Every start tag with its attributes, and the page's text with entities decoded."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_parts: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def tag_names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    def event_handlers(self) -> list[tuple[str, str]]:
        return [(tag, name) for tag, attrs in self.tags for name in attrs if name.startswith("on")]

    def links(self) -> list[str]:
        return [
            value or ""
            for _, attrs in self.tags
            for name, value in attrs.items()
            if name in ("href", "src", "action", "formaction", "xlink:href")
        ]
