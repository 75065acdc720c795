"""CSV downloads that spreadsheet programs open right: UTF-8 with a byte-order mark, `;` as
separator (Dutch Excel), and typed text that cannot be read as a formula."""

from __future__ import annotations

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@")


class SafeWriter:
    def __init__(self, response: HttpResponse):
        self.writer = csv.writer(response, delimiter=";")

    def writerow(self, row) -> None:
        self.writer.writerow(
            [
                "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
                for cell in row
            ]
        )


def csv_download(filename: str) -> tuple[HttpResponse, SafeWriter]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, SafeWriter(response)
