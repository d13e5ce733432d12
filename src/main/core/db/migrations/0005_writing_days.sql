CREATE TABLE `writing_days` (
	`project_id` text NOT NULL,
	`day` text NOT NULL,
	`words` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`project_id`, `day`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
