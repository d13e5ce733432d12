-- The embedding space of the stored memory vectors (one row). The vec0 table itself is created
-- by the vector store at run time, because its column's dimension is the embedding model's.
CREATE TABLE `memory_vector_space` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `model` text NOT NULL,
  `dimensions` integer NOT NULL CHECK (`dimensions` > 0)
);
