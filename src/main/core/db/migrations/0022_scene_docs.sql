CREATE TABLE `scene_doc_updates` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scene_id` text NOT NULL,
	`revision` integer NOT NULL,
	`origin` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`scene_id`) REFERENCES `scenes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scene_doc_updates_scene_idx` ON `scene_doc_updates` (`scene_id`,`revision`);--> statement-breakpoint
CREATE TABLE `scene_doc_views` (
	`scene_id` text NOT NULL,
	`revision` integer NOT NULL,
	`state` blob NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scene_id`, `revision`),
	FOREIGN KEY (`scene_id`) REFERENCES `scenes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scene_docs` (
	`scene_id` text PRIMARY KEY NOT NULL,
	`base` blob NOT NULL,
	`base_revision` integer NOT NULL,
	`revision` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`scene_id`) REFERENCES `scenes`(`id`) ON UPDATE no action ON DELETE cascade
);
