"""Built-in plugin: partnership workbooks (``.xlsx``) and folders of CSV files as state inputs.

``assess partnership.xlsx``, ``validate``, ``batch`` and the library's
``assess`` read a workbook like any other state file. A folder holding
``Partnership.csv`` (one CSV file per sheet, named after the sheet) is read
the same way; the engine hands such a folder to this loader as an archive of
its files (see :func:`foundation_engine.loading.load_path`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..plugin.hookspecs import hookimpl
from ..state.model import PartnershipState

#: The file that marks a folder as a partnership state kept as CSV files.
CSV_FOLDER_MARKER = "Partnership.csv"


def load_workbook(data: bytes, source: str) -> PartnershipState:
    """Read and validate a partnership workbook; problems name their sheet and cell."""
    from .workbook import read_workbook

    return read_workbook(data, source)


def load_csv_folder(data: bytes, source: str) -> PartnershipState:
    """Read and validate a folder of CSV files (as a zip archive of them)."""
    from .workbook import read_csv_archive

    return read_csv_archive(data, source)


@hookimpl(trylast=True)
def register_loaders(register: Callable[..., None]) -> None:
    register("xlsx", (".xlsx", ".xlsm"), load_workbook)
    register("csv-folder", (), load_csv_folder, folder_marker=CSV_FOLDER_MARKER)
