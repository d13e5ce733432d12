CREATE TABLE `sync_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_parked` (
	`collection` text NOT NULL,
	`record_id` text NOT NULL,
	`state` text NOT NULL,
	`reason` text NOT NULL,
	`parent_collection` text,
	`parent_id` text,
	`parked_at` integer NOT NULL,
	PRIMARY KEY(`collection`, `record_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_records` (
	`collection` text NOT NULL,
	`record_id` text NOT NULL,
	`clocks` text DEFAULT '{}' NOT NULL,
	`tombstone` text,
	`dead_values` text,
	`change_seq` integer NOT NULL,
	`uploaded_seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`collection`, `record_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_records_change_idx` ON `sync_records` (`change_seq`);