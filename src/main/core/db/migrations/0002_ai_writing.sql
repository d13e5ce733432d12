CREATE TABLE `chat_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`seq` integer NOT NULL,
	`role` text NOT NULL,
	`content` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`model` text,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `chat_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_messages_seq` ON `chat_messages` (`session_id`,`seq`);--> statement-breakpoint
CREATE TABLE `chat_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`title` text NOT NULL,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_sessions_project_idx` ON `chat_sessions` (`project_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `llm_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`project_id` text,
	`prompt_id` text,
	`prompt_version` integer,
	`task_class` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`experiment` text,
	`fallback_from` text,
	`tokens_in` integer DEFAULT 0 NOT NULL,
	`tokens_out` integer DEFAULT 0 NOT NULL,
	`latency_ms` integer DEFAULT 0 NOT NULL,
	`first_token_ms` integer,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`error_code` text
);
--> statement-breakpoint
CREATE INDEX `llm_calls_at_idx` ON `llm_calls` (`at`);--> statement-breakpoint
CREATE INDEX `llm_calls_project_idx` ON `llm_calls` (`project_id`,`at`);--> statement-breakpoint
CREATE TABLE `prompt_audit` (
	`id` text PRIMARY KEY NOT NULL,
	`prompt_id` text NOT NULL,
	`action` text NOT NULL,
	`from_version` integer,
	`to_version` integer,
	`old_hash` text,
	`new_hash` text,
	`summary` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `prompt_audit_prompt_idx` ON `prompt_audit` (`prompt_id`,`at`);--> statement-breakpoint
CREATE TABLE `prompt_pins` (
	`prompt_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`pinned_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `prompt_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`prompt_id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`hash` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prompt_versions_unique` ON `prompt_versions` (`prompt_id`,`version`);--> statement-breakpoint
CREATE INDEX `prompt_versions_hash_idx` ON `prompt_versions` (`prompt_id`,`hash`);