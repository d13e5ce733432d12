DROP INDEX `jobs_status_idx`;--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`status`,`kind`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_debounced_idx` ON `jobs` (`not_before`) WHERE "jobs"."status" = 'queued' and "jobs"."not_before" is not null;--> statement-breakpoint
CREATE INDEX `jobs_retrying_idx` ON `jobs` (`next_attempt_at`) WHERE "jobs"."status" = 'retrying' and "jobs"."next_attempt_at" is not null;