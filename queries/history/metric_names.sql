-- The metrics trend and compare know (see metric_catalog.sql), in column order.
SELECT unnest(getvariable('metric_names')) AS metric;
