-- Full-text index over scene titles and text. The repository layer keeps it in step with the
-- scenes table (insert, save, rename, hard delete); it holds trashed scenes too, and queries
-- filter them out by joining the live rows.
CREATE VIRTUAL TABLE `scene_fts` USING fts5(
  `scene_id` UNINDEXED,
  `project_id` UNINDEXED,
  `title`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `scene_fts` (`scene_id`, `project_id`, `title`, `body`)
  SELECT `id`, `project_id`, `title`, `plain_text` FROM `scenes`;
