-- Sibling order becomes fractional keys (manuscript/positions.ts) and per-device counters become
-- creation-order keys (db/sort-key.ts), so rows made on two devices never collide or renumber.
--
-- chapters and scenes change the type of `position` in place (add, fill, drop, rename) rather
-- than by a table rebuild: migrations run in one transaction with foreign keys on, where
-- `PRAGMA foreign_keys=OFF` does nothing, so dropping the old table would cascade-delete every
-- scene (and every scene's continuity facts). SQLite adds a NOT NULL column only with a
-- default, hence the `DEFAULT ''` these two columns carry; every insert names its key.
--
-- An integer position n becomes the n-th key fractional-indexing makes from scratch
-- (generateNKeysBetween(null, null, …): a0…az, b00…bzz, c000…), which sorts as n did.
DROP INDEX `chapters_project_idx`;--> statement-breakpoint
ALTER TABLE `chapters` ADD `position_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `chapters` SET `position_key` = CASE
  WHEN `chapters`.`position` < 62 THEN 'a' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', max(0, `chapters`.`position`) + 1, 1)
  WHEN `chapters`.`position` < 3906 THEN 'b' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 62) / 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 62) % 62 + 1, 1)
  WHEN `chapters`.`position` < 242234 THEN 'c' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 3906) / 3844 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 3906) / 62 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 3906) % 62 + 1, 1)
  ELSE 'd' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 242234) / 238328 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 242234) / 3844 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 242234) / 62 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`chapters`.`position` - 242234) % 62 + 1, 1)
END;--> statement-breakpoint
ALTER TABLE `chapters` DROP COLUMN `position`;--> statement-breakpoint
ALTER TABLE `chapters` RENAME COLUMN `position_key` TO `position`;--> statement-breakpoint
CREATE INDEX `chapters_project_idx` ON `chapters` (`project_id`,`position`,`id`);--> statement-breakpoint
DROP INDEX `scenes_chapter_idx`;--> statement-breakpoint
ALTER TABLE `scenes` ADD `position_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `scenes` SET `position_key` = CASE
  WHEN `scenes`.`position` < 62 THEN 'a' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', max(0, `scenes`.`position`) + 1, 1)
  WHEN `scenes`.`position` < 3906 THEN 'b' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 62) / 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 62) % 62 + 1, 1)
  WHEN `scenes`.`position` < 242234 THEN 'c' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 3906) / 3844 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 3906) / 62 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 3906) % 62 + 1, 1)
  ELSE 'd' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 242234) / 238328 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 242234) / 3844 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 242234) / 62 % 62 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (`scenes`.`position` - 242234) % 62 + 1, 1)
END;--> statement-breakpoint
ALTER TABLE `scenes` DROP COLUMN `position`;--> statement-breakpoint
ALTER TABLE `scenes` RENAME COLUMN `position_key` TO `position`;--> statement-breakpoint
CREATE INDEX `scenes_chapter_idx` ON `scenes` (`chapter_id`,`position`,`id`);--> statement-breakpoint
-- Prompt versions are referenced by id from now on: the audit, the update choices and the pins
-- are converted while the old numbers are still there to join on.
ALTER TABLE `prompt_audit` ADD `from_version_id` text;--> statement-breakpoint
ALTER TABLE `prompt_audit` ADD `to_version_id` text;--> statement-breakpoint
UPDATE `prompt_audit` SET
  `from_version_id` = (SELECT v.`id` FROM `prompt_versions` v WHERE v.`prompt_id` = `prompt_audit`.`prompt_id` AND v.`version` = `prompt_audit`.`from_version`),
  `to_version_id` = (SELECT v.`id` FROM `prompt_versions` v WHERE v.`prompt_id` = `prompt_audit`.`prompt_id` AND v.`version` = `prompt_audit`.`to_version`);--> statement-breakpoint
ALTER TABLE `prompt_audit` DROP COLUMN `from_version`;--> statement-breakpoint
ALTER TABLE `prompt_audit` DROP COLUMN `to_version`;--> statement-breakpoint
ALTER TABLE `prompt_update_choices` ADD `adopted_version_id` text;--> statement-breakpoint
ALTER TABLE `prompt_update_choices` ADD `dismissed_version_id` text;--> statement-breakpoint
UPDATE `prompt_update_choices` SET
  `adopted_version_id` = (SELECT v.`id` FROM `prompt_versions` v WHERE v.`prompt_id` = `prompt_update_choices`.`prompt_id` AND v.`version` = `prompt_update_choices`.`adopted_version`),
  `dismissed_version_id` = (SELECT v.`id` FROM `prompt_versions` v WHERE v.`prompt_id` = `prompt_update_choices`.`prompt_id` AND v.`version` = `prompt_update_choices`.`dismissed_version`);--> statement-breakpoint
ALTER TABLE `prompt_update_choices` DROP COLUMN `adopted_version`;--> statement-breakpoint
ALTER TABLE `prompt_update_choices` DROP COLUMN `dismissed_version`;--> statement-breakpoint
-- prompt_pins, prompt_versions and chat_messages are rebuilt: no table references them, so
-- dropping the old ones cascades nowhere. A pin of a version that is not there is dropped.
CREATE TABLE `__new_prompt_pins` (
	`prompt_id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`pinned_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_prompt_pins`("prompt_id", "version_id", "pinned_at")
  SELECT p.`prompt_id`, v.`id`, p.`pinned_at` FROM `prompt_pins` p JOIN `prompt_versions` v ON v.`prompt_id` = p.`prompt_id` AND v.`version` = p.`version`;--> statement-breakpoint
DROP TABLE `prompt_pins`;--> statement-breakpoint
ALTER TABLE `__new_prompt_pins` RENAME TO `prompt_pins`;--> statement-breakpoint
-- The order key keeps the old numbering: the newest creation time so far (in version order) and
-- the old number as the counter, so keys increase exactly as the numbers did.
CREATE TABLE `__new_prompt_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`prompt_id` text NOT NULL,
	`sort_key` text NOT NULL,
	`definition` text NOT NULL,
	`hash` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_prompt_versions`("id", "prompt_id", "sort_key", "definition", "hash", "source", "created_at")
  SELECT `id`, `prompt_id`,
    printf('%015d-%06d', max(`created_at`) OVER (PARTITION BY `prompt_id` ORDER BY `version` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), `version`),
    `definition`, `hash`, `source`, `created_at`
  FROM `prompt_versions`;--> statement-breakpoint
DROP TABLE `prompt_versions`;--> statement-breakpoint
ALTER TABLE `__new_prompt_versions` RENAME TO `prompt_versions`;--> statement-breakpoint
CREATE INDEX `prompt_versions_order_idx` ON `prompt_versions` (`prompt_id`,`sort_key`,`id`);--> statement-breakpoint
CREATE INDEX `prompt_versions_hash_idx` ON `prompt_versions` (`prompt_id`,`hash`);--> statement-breakpoint
CREATE TABLE `__new_chat_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`sort_key` text NOT NULL,
	`role` text NOT NULL,
	`content` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`model` text,
	`error` text,
	`context_scene_id` text,
	`context_selection` text,
	`sources` text,
	`run_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `chat_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_chat_messages`("id", "session_id", "sort_key", "role", "content", "status", "model", "error", "context_scene_id", "context_selection", "sources", "run_id", "created_at")
  SELECT `id`, `session_id`,
    printf('%015d-%06d', max(`created_at`) OVER (PARTITION BY `session_id` ORDER BY `seq` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), `seq`),
    `role`, `content`, `status`, `model`, `error`, `context_scene_id`, `context_selection`, `sources`, `run_id`, `created_at`
  FROM `chat_messages`;--> statement-breakpoint
DROP TABLE `chat_messages`;--> statement-breakpoint
ALTER TABLE `__new_chat_messages` RENAME TO `chat_messages`;--> statement-breakpoint
CREATE INDEX `chat_messages_order_idx` ON `chat_messages` (`session_id`,`sort_key`,`id`);
