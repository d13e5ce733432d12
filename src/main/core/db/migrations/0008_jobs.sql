CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`project_id` text,
	`title` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`progress_done` real DEFAULT 0 NOT NULL,
	`progress_total` real DEFAULT 0 NOT NULL,
	`progress_message` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`idempotency_key` text,
	`error_code` text,
	`error_message` text,
	`error_category` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`next_attempt_at` integer,
	`not_before` integer,
	`seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`,`kind`);--> statement-breakpoint
CREATE INDEX `jobs_project_idx` ON `jobs` (`project_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_active_key_idx` ON `jobs` (`idempotency_key`) WHERE "jobs"."status" in ('queued', 'running', 'retrying') and "jobs"."idempotency_key" is not null;