-- How many times each project's memory vectors have changed. The accelerating vector index
-- beside the database records the generation it reflects; a different one at open means the
-- index is stale and is rebuilt from SQLite, the source of truth.
CREATE TABLE `memory_vector_index_state` (
  `project_id` text PRIMARY KEY NOT NULL,
  `generation` integer NOT NULL DEFAULT 0
);
