-- Words of the indexed chunks (scene passages, codex entries, memories), for the full-text half
-- of memory search. The rowid is the chunk's id; the project is one token per project ("p" and
-- the id's letters and digits, as scene_fts does) so a query reads only that project's rows.
-- Triggers keep it in step with memory_chunks, including rows removed by a cascade (a project
-- deleted for good), so no code path can leave words behind.
CREATE VIRTUAL TABLE `memory_chunk_fts` USING fts5(
  `project`,
  `text`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `memory_chunks_fts_insert` AFTER INSERT ON `memory_chunks` BEGIN
  INSERT INTO `memory_chunk_fts` (`rowid`, `project`, `text`)
    VALUES (new.`id`, 'p' || lower(replace(new.`project_id`, '-', '')), new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `memory_chunks_fts_update` AFTER UPDATE OF `text` ON `memory_chunks` BEGIN
  DELETE FROM `memory_chunk_fts` WHERE `rowid` = old.`id`;
  INSERT INTO `memory_chunk_fts` (`rowid`, `project`, `text`)
    VALUES (new.`id`, 'p' || lower(replace(new.`project_id`, '-', '')), new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `memory_chunks_fts_delete` AFTER DELETE ON `memory_chunks` BEGIN
  DELETE FROM `memory_chunk_fts` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
-- A memory deleted (or gone with its project) takes its chunks, and through them its words.
CREATE TRIGGER `memory_entries_chunks_delete` AFTER DELETE ON `memory_entries` BEGIN
  DELETE FROM `memory_chunks` WHERE `source_type` = 'memory' AND `source_id` = old.`id`;
END;
