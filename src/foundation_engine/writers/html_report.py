"""Built-in plugin: the self-contained HTML report writer (``--format html``).

One file a talent-acquisition lead or an account director can open offline,
forward and print: the overall score and rating, a radar chart of the
technique scores with the same numbers in a table, findings by severity with
evidence and recommendations, "who does what" by party, where the two sides
see it differently (a chart per technique of each side's view and the
records, when the state holds a pulse), waivers, warnings and the engine
version and config fingerprint. No scripts, fonts or external
references; every value is escaped by the template engine's autoescaping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from foundation_engine.plugin.hookspecs import hookimpl

if TYPE_CHECKING:
    from foundation_engine.report.model import Report


def write_html(report: Report) -> str:
    """The report as one HTML document; the same report always gives the same bytes."""
    # The template engine is imported here, not with the plugin, so commands
    # that write no HTML do not pay for loading it.
    from foundation_engine.report.html_templates import render_template
    from foundation_engine.report.radar import radar_svg
    from foundation_engine.report.view import build_view

    view = build_view(report)
    chart = radar_svg(view.chart_points, title="Technique scores, 0 to 100")
    trend = None
    legend: list[tuple[str, str, str, str]] = []
    if report.history is not None and len(report.history.points) > 1:
        from foundation_engine.report.trend_chart import trend_legend, trend_svg

        titles = {t.id: t.title for t in view.techniques}
        trend = trend_svg(report.history, titles)
        legend = trend_legend(report.history, titles)
    from foundation_engine.report.perception_chart import perception_svg
    from foundation_engine.report.perception_view import perception_view

    perception = perception_view(report)
    charts = [perception_svg(row) for row in perception.rows] if perception else []
    from foundation_engine.report.benchmark import benchmark_heading, benchmark_note, benchmark_rows

    b = report.benchmark
    benchmark = (
        None
        if b is None
        else {"heading": benchmark_heading(b), "rows": benchmark_rows(b), "note": benchmark_note(b)}
    )
    return render_template(
        "report.html.j2",
        benchmark=benchmark,
        v=view,
        chart=chart,
        trend=trend,
        legend=legend,
        perception=perception,
        perception_charts=charts,
    )


@hookimpl(trylast=True)
def register_report_writers(register: Callable[..., None]) -> None:
    register("html", write_html, media_type="text/html", suffix=".html")
