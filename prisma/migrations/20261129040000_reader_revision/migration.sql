-- Article."readerRevision" changes whenever anything a reader sees of the article changes: the
-- article's own fields, its versions (text and correction notes), its published checks, or the
-- name of a person on one of them. Each server keeps rendered reader data keyed by it, so one
-- cheap read tells every instance sharing this database whether its copy is still current.
-- Triggers, not application code, so no write path (including raw SQL) can forget it.

ALTER TABLE "Article" ADD COLUMN "readerRevision" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "factmark_bump_reader_revision"(article_id TEXT) RETURNS void AS $$
  UPDATE "Article" SET "readerRevision" = "readerRevision" + 1 WHERE "id" = article_id;
$$ LANGUAGE sql;

-- A change to the article's own columns bumps it, unless the change IS a bump.
CREATE FUNCTION "factmark_article_reader_revision"() RETURNS trigger AS $$
BEGIN
  IF NEW."readerRevision" = OLD."readerRevision" THEN
    NEW."readerRevision" := OLD."readerRevision" + 1;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "article_reader_revision" BEFORE UPDATE ON "Article"
  FOR EACH ROW EXECUTE FUNCTION "factmark_article_reader_revision"();

-- Versions and published checks belong to one article each.
CREATE FUNCTION "factmark_child_reader_revision"() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM "factmark_bump_reader_revision"(OLD."articleId");
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."articleId" IS DISTINCT FROM OLD."articleId") THEN
    PERFORM "factmark_bump_reader_revision"(NEW."articleId");
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "article_version_reader_revision" AFTER INSERT OR UPDATE OR DELETE ON "ArticleVersion"
  FOR EACH ROW EXECUTE FUNCTION "factmark_child_reader_revision"();

CREATE TRIGGER "published_claim_reader_revision" AFTER INSERT OR UPDATE OR DELETE ON "PublishedClaim"
  FOR EACH ROW EXECUTE FUNCTION "factmark_child_reader_revision"();

-- Readers see the names of who checked, approved or withdrew each check.
CREATE FUNCTION "factmark_user_reader_revision"() RETURNS trigger AS $$
BEGIN
  UPDATE "Article" SET "readerRevision" = "readerRevision" + 1
  WHERE "id" IN (
    SELECT "articleId" FROM "PublishedClaim"
    WHERE NEW."id" IN ("reviewerId", "approvedById", "retractedById")
  );
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "user_reader_revision" AFTER UPDATE OF "name" ON "User"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "factmark_user_reader_revision"();
