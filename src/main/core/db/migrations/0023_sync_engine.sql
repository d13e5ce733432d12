CREATE TABLE `sync_engine_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_server_records` (
	`server_id` text PRIMARY KEY NOT NULL,
	`collection` text NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`acked_version` integer DEFAULT 0 NOT NULL,
	`state` blob,
	`pending` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_server_records_record_idx` ON `sync_server_records` (`collection`,`record_id`);--> statement-breakpoint
CREATE INDEX `sync_server_records_pending_idx` ON `sync_server_records` (`pending`);