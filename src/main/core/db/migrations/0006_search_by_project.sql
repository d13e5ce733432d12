-- Search scoped to its project inside the index. The project becomes an indexed column holding
-- one token per project ("p" and the id's hex digits), so `project : p… AND {title body} : (…)`
-- reads only that project's rows; before, every word was matched over every project's rows and
-- the other projects were filtered out afterwards. scene_fts_terms tells in how many scenes a
-- word occurs, to pick the rarest words of a long pasted query. The index is rebuilt from the
-- scenes table, which also indexes rows written around it.
DROP TABLE `scene_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `scene_fts` USING fts5(
  `scene_id` UNINDEXED,
  `project`,
  `title`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `scene_fts` (`scene_id`, `project`, `title`, `body`)
  SELECT `id`, 'p' || lower(replace(`project_id`, '-', '')), `title`, `plain_text` FROM `scenes`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `scene_fts_terms` USING fts5vocab(`scene_fts`, 'row');
