-- Session parameters the views read with getvariable(): --sla (NULL = no SLA columns).
SET VARIABLE sla = $sla::DOUBLE;
