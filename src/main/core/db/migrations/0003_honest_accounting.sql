CREATE TABLE `prompt_update_choices` (
	`prompt_id` text PRIMARY KEY NOT NULL,
	`adopted_version` integer,
	`dismissed_version` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `context_scene_id` text;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `context_selection` text;--> statement-breakpoint
ALTER TABLE `llm_calls` ADD `estimated` integer DEFAULT false NOT NULL;