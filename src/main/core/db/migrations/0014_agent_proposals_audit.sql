CREATE TABLE `agent_audit` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`project_id` text,
	`run_id` text,
	`step_key` text,
	`agent_id` text,
	`action` text NOT NULL,
	`status` text NOT NULL,
	`input` text NOT NULL,
	`output` text NOT NULL,
	`model` text,
	`prompt_id` text,
	`prompt_version` integer,
	`trace_id` text,
	`tokens_in` integer DEFAULT 0 NOT NULL,
	`tokens_out` integer DEFAULT 0 NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`duration_ms` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_audit_id` ON `agent_audit` (`id`);--> statement-breakpoint
CREATE INDEX `agent_audit_project_idx` ON `agent_audit` (`project_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `agent_audit_run_idx` ON `agent_audit` (`run_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `agent_audit_agent_idx` ON `agent_audit` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `agent_audit_time_idx` ON `agent_audit` (`created_at`);--> statement-breakpoint
CREATE TABLE `agent_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`project_id` text NOT NULL,
	`step_key` text NOT NULL,
	`agent_id` text,
	`key` text NOT NULL,
	`change` text NOT NULL,
	`edited` text,
	`status` text NOT NULL,
	`violations` text DEFAULT '[]' NOT NULL,
	`note` text,
	`snapshot_id` text,
	`applying_revision` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_proposals_apply_key` ON `agent_proposals` (`run_id`,`step_key`,`key`);--> statement-breakpoint
CREATE INDEX `agent_proposals_project_idx` ON `agent_proposals` (`project_id`,`status`,`created_at`);--> statement-breakpoint
-- Words of each audit entry's input and output (their string values, not the JSON keys), for
-- audit.search. The rowid is the entry's `seq`; the core writes a row with each entry, and this
-- trigger removes it with the entry, including entries gone with their project (a cascade).
CREATE VIRTUAL TABLE `agent_audit_fts` USING fts5(
  `text`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `agent_audit_fts_delete` AFTER DELETE ON `agent_audit` BEGIN
  DELETE FROM `agent_audit_fts` WHERE `rowid` = old.`seq`;
END;
