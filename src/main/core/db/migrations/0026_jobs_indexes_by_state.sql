DROP INDEX `jobs_due_idx`;--> statement-breakpoint
DROP INDEX `jobs_debounced_idx`;--> statement-breakpoint
DROP INDEX `jobs_retrying_idx`;--> statement-breakpoint
CREATE INDEX `jobs_ready_idx` ON `jobs` (`kind`,`created_at`,`id`) WHERE "jobs"."status" = 'queued' and "jobs"."not_before" is null;--> statement-breakpoint
CREATE INDEX `jobs_debounced_idx` ON `jobs` (`kind`,`not_before`) WHERE "jobs"."status" = 'queued' and "jobs"."not_before" is not null;--> statement-breakpoint
CREATE INDEX `jobs_retrying_idx` ON `jobs` (`kind`,`next_attempt_at`) WHERE "jobs"."status" = 'retrying' and "jobs"."next_attempt_at" is not null;