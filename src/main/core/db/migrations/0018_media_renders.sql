CREATE TABLE `media_renders` (
	`id` text PRIMARY KEY NOT NULL,
	`video_id` text NOT NULL,
	`project_id` text NOT NULL,
	`job_id` text,
	`status` text NOT NULL,
	`format` text NOT NULL,
	`title` text NOT NULL,
	`video_revision` integer NOT NULL,
	`stage` text,
	`progress` real DEFAULT 0 NOT NULL,
	`eta_sec` real,
	`notices` text DEFAULT '[]' NOT NULL,
	`error_code` text,
	`error_message` text,
	`files` text,
	`duration_sec` real,
	`loudness` text,
	`timings` text DEFAULT '{}' NOT NULL,
	`spec` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `media_renders_video_idx` ON `media_renders` (`video_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `media_renders_project_idx` ON `media_renders` (`project_id`);