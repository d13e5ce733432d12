ALTER TABLE `projects` ADD `author` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `contact` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `short_title` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `surname` text DEFAULT '' NOT NULL;