"""Getting a partnership's real records in: workbooks, CSV folders, calendars, ATS exports,
KPI scorecards and survey exports.

- :mod:`.layout` describes the partnership workbook: one sheet per record
  kind, one column per field, all derived from the state model.
- :mod:`.workbook` reads a workbook (``.xlsx``) or a folder of CSV files into
  a state, mapping every problem back to its sheet, row and column;
  :mod:`.template` writes one.
- :mod:`.loader` is the plugin that makes both readable wherever a state is.
- :mod:`.calendar_events`, :mod:`.requisitions`, :mod:`.scorecard` and
  :mod:`.surveys` turn other systems' exports into records, and
  :mod:`.merging` folds them into a state without duplicating anything.
- :mod:`.evidence` names evidence the way a person would.
"""
