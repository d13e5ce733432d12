CREATE TABLE `codex_versions` (
	`project_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `codex_versions_insert` AFTER INSERT ON `codex_entries` BEGIN
  INSERT INTO `codex_versions` (`project_id`, `version`) VALUES (new.`project_id`, 1)
    ON CONFLICT (`project_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `codex_versions_update` AFTER UPDATE ON `codex_entries` BEGIN
  INSERT INTO `codex_versions` (`project_id`, `version`) VALUES (new.`project_id`, 1)
    ON CONFLICT (`project_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `codex_versions` (`project_id`, `version`) SELECT old.`project_id`, 1 WHERE old.`project_id` <> new.`project_id`
    ON CONFLICT (`project_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `codex_versions_delete` AFTER DELETE ON `codex_entries` BEGIN
  INSERT INTO `codex_versions` (`project_id`, `version`) VALUES (old.`project_id`, 1)
    ON CONFLICT (`project_id`) DO UPDATE SET `version` = `version` + 1;
END;
