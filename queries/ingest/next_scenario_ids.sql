SELECT nextval('scenario_id_seq')::BIGINT AS scenario_id FROM range($n::BIGINT);
