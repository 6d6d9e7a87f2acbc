SELECT nextval('run_id_seq')::BIGINT AS run_id;
