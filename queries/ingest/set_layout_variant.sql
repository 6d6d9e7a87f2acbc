-- Record the layout sub-variant of the given scenarios. Parameters: $scenario_ids, $variant.
UPDATE scenarios SET layout_variant = $variant WHERE list_contains($scenario_ids::BIGINT[], scenario_id);
