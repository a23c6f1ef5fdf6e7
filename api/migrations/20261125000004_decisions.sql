-- The fund's decision on a declaration: the day it was taken (services
-- open that day when covered) and, for a refusal, the reason as JSON
-- (amoe_domain::declaration::RefusalReason).
ALTER TABLE declarations ADD COLUMN decided_on TEXT;
ALTER TABLE declarations ADD COLUMN refusal_reason TEXT;
