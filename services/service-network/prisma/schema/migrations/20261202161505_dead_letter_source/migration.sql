-- Dead letters name their event's publisher (filterable in the ops view) and
-- keep the error that dead-lettered them once a replay fails again (`error`
-- is then the latest one). Existing rows: the source from the value's JSON
-- envelope, else from its ce_source header; a value that is not JSON is skipped.
-- AlterTable
ALTER TABLE "rt_dead_letter" ADD COLUMN     "first_error" TEXT,
ADD COLUMN     "source" TEXT;

DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id, value FROM rt_dead_letter WHERE value IS NOT NULL LOOP
    BEGIN
      UPDATE rt_dead_letter SET source = r.value::jsonb ->> 'source' WHERE id = r.id AND jsonb_typeof(r.value::jsonb) = 'object';
    EXCEPTION WHEN invalid_text_representation THEN NULL;
    END;
  END LOOP;
END;
$$;
UPDATE rt_dead_letter SET source = headers ->> 'ce_source' WHERE source IS NULL;
