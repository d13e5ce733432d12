CREATE TABLE `continuity_facts` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`scene_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`entity_name` text NOT NULL,
	`attribute` text NOT NULL,
	`value` text NOT NULL,
	`quote` text NOT NULL,
	`range_from` integer,
	`range_to` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scene_id`) REFERENCES `scenes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `codex_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `continuity_facts_entity_idx` ON `continuity_facts` (`project_id`,`entry_id`,`attribute`);--> statement-breakpoint
CREATE INDEX `continuity_facts_scene_idx` ON `continuity_facts` (`scene_id`);--> statement-breakpoint
CREATE TABLE `continuity_issues` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`entity_name` text NOT NULL,
	`attribute` text NOT NULL,
	`signature` text NOT NULL,
	`summary` text NOT NULL,
	`found` text NOT NULL,
	`against` text NOT NULL,
	`found_scene_id` text NOT NULL,
	`against_scene_id` text,
	`status` text NOT NULL,
	`resolution` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `codex_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `continuity_issues_project_idx` ON `continuity_issues` (`project_id`,`status`);--> statement-breakpoint
CREATE INDEX `continuity_issues_signature_idx` ON `continuity_issues` (`project_id`,`signature`);