-- Rows to score: every trip that started after the cut-off, label excluded.
SELECT
  trip_start_timestamp,
  EXTRACT(DAYOFWEEK FROM trip_start_timestamp) AS dayofweek,
  EXTRACT(HOUR FROM trip_start_timestamp) AS hourofday,
  trip_seconds,
  trip_miles,
  payment_type,
  company
FROM `{{ source_dataset }}.{{ source_table }}`
WHERE {{ filter_column }} > TIMESTAMP("{{ filter_start_value }}")
  AND trip_seconds > 0
  AND trip_miles > 0
