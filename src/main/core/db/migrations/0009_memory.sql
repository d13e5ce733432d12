CREATE TABLE `memory_chunks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` text NOT NULL,
	`chunk_key` text NOT NULL,
	`source_type` text NOT NULL,
	`source_id` text NOT NULL,
	`position` integer NOT NULL,
	`range_from` integer,
	`range_to` integer,
	`text` text NOT NULL,
	`overlap` text DEFAULT '' NOT NULL,
	`content_hash` text NOT NULL,
	`embedded` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memory_chunks_key` ON `memory_chunks` (`chunk_key`);--> statement-breakpoint
CREATE INDEX `memory_chunks_source_idx` ON `memory_chunks` (`source_type`,`source_id`,`position`);--> statement-breakpoint
CREATE INDEX `memory_chunks_pending_idx` ON `memory_chunks` (`project_id`,`embedded`);--> statement-breakpoint
CREATE TABLE `memory_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`kind` text NOT NULL,
	`content` text NOT NULL,
	`agent_scope` text DEFAULT '["*"]' NOT NULL,
	`source_type` text NOT NULL,
	`source_id` text,
	`range_from` integer,
	`range_to` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memory_entries_project_idx` ON `memory_entries` (`project_id`,`kind`,`updated_at`);--> statement-breakpoint
CREATE INDEX `memory_entries_source_idx` ON `memory_entries` (`source_type`,`source_id`);--> statement-breakpoint
CREATE TABLE `memory_markers` (
	`memory_id` text NOT NULL,
	`marker` text NOT NULL,
	`type` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`memory_id`, `marker`),
	FOREIGN KEY (`memory_id`) REFERENCES `memory_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memory_markers_marker_idx` ON `memory_markers` (`marker`,`memory_id`);--> statement-breakpoint
CREATE TABLE `memory_versions` (
	`memory_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`markers` text DEFAULT '[]' NOT NULL,
	`edited_at` integer NOT NULL,
	PRIMARY KEY(`memory_id`, `version`),
	FOREIGN KEY (`memory_id`) REFERENCES `memory_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
