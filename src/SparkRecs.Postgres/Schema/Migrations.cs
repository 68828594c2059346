using SparkRecs.Postgres.Configuration;

namespace SparkRecs.Postgres.Schema;

/// <summary>
/// The ordered schema migrations. A migration is never edited once released: a change is a new
/// entry with the next version, so every database converges to the same schema whatever version
/// it started from. <c>{S}</c> stands for the quoted schema, <c>{SL}</c> for it as a SQL literal.
/// </summary>
internal static class Migrations
{
    /// <summary>A numbered migration and what it does (stored in <c>schema_version.description</c>).</summary>
    public sealed record Migration(int Version, string Description, string Sql);

    /// <summary>All migrations in version order, with the schema substituted.</summary>
    public static IReadOnlyList<Migration> For(string schema)
    {
        string quoted = SqlIdentifier.Quote(schema);
        string literal = SqlIdentifier.Literal(schema);
        return
        [
            new(1, "run registry, live pointer, serving functions", V1.Replace("{S}", quoted, StringComparison.Ordinal).Replace("{SL}", literal, StringComparison.Ordinal)),
        ];
    }

    private const string V1 = """
        CREATE TABLE {S}.runs (
            run_id              bigserial PRIMARY KEY,
            model               text NOT NULL CHECK (model ~ '^[a-z_][a-z0-9_]{0,39}$'),
            status              text NOT NULL CHECK (status IN ('loading', 'ready', 'live', 'retired', 'failed')),
            window_from         timestamptz,
            window_to           timestamptz,
            engine              text NOT NULL,
            params              jsonb NOT NULL DEFAULT '{}',
            metrics             jsonb NOT NULL DEFAULT '{}',
            user_count          integer,
            item_count          integer,
            factor_rank         integer,
            recommendation_rows bigint,
            similar_rows        bigint,
            popular_rows        integer,
            created_at          timestamptz NOT NULL DEFAULT now(),
            load_started_at     timestamptz,
            loaded_at           timestamptz,
            published_at        timestamptz,
            published_by        text,
            retired_at          timestamptz,
            tables_dropped_at   timestamptz,
            failure             text
        );
        CREATE INDEX runs_model_idx ON {S}.runs (model, run_id DESC);
        CREATE UNIQUE INDEX runs_one_live_per_model ON {S}.runs (model) WHERE status = 'live';

        CREATE TABLE {S}.live (
            model       text PRIMARY KEY,
            run_id      bigint NOT NULL REFERENCES {S}.runs (run_id),
            switched_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE FUNCTION {S}.check_model(p_model text) RETURNS void
        LANGUAGE plpgsql STABLE AS $fn$
        BEGIN
            IF p_model IS NULL OR p_model !~ '^[a-z_][a-z0-9_]{0,39}$' THEN
                RAISE EXCEPTION 'sparkrecs: invalid model name %', quote_literal(p_model) USING ERRCODE = '22023';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM {S}.live l WHERE l.model = p_model) THEN
                RAISE EXCEPTION 'sparkrecs: model % has no live run; publish one first', p_model USING ERRCODE = 'P0002';
            END IF;
        END
        $fn$;

        CREATE FUNCTION {S}.recommend(p_model text, p_user_key text, p_n integer DEFAULT 10)
        RETURNS TABLE (rank integer, item_key text, score real)
        LANGUAGE plpgsql STABLE AS $fn$
        BEGIN
            PERFORM {S}.check_model(p_model);
            RETURN QUERY EXECUTE format(
                'WITH r AS (SELECT v.rank, v.item_key, v.score FROM %1$I.%2$I v WHERE v.user_key = $1 ORDER BY v.rank LIMIT $2)
                 SELECT r.rank, r.item_key, r.score FROM r
                 UNION ALL
                 (SELECT p.rank, p.item_key, p.score FROM %1$I.%3$I p WHERE NOT EXISTS (SELECT 1 FROM r) ORDER BY p.rank LIMIT $2)
                 ORDER BY 1',
                {SL}, 'recommendations_' || p_model, 'popular_' || p_model)
            USING p_user_key, p_n;
        END
        $fn$;

        CREATE FUNCTION {S}.similar_items(p_model text, p_item_key text, p_n integer DEFAULT 10)
        RETURNS TABLE (rank integer, similar_item_key text, score real)
        LANGUAGE plpgsql STABLE AS $fn$
        BEGIN
            PERFORM {S}.check_model(p_model);
            RETURN QUERY EXECUTE format(
                'SELECT v.rank, v.similar_item_key, v.score FROM %1$I.%2$I v WHERE v.item_key = $1 ORDER BY v.rank LIMIT $2',
                {SL}, 'similar_items_' || p_model)
            USING p_item_key, p_n;
        END
        $fn$;

        CREATE FUNCTION {S}.popular(p_model text, p_n integer DEFAULT 10)
        RETURNS TABLE (rank integer, item_key text, score real)
        LANGUAGE plpgsql STABLE AS $fn$
        BEGIN
            PERFORM {S}.check_model(p_model);
            RETURN QUERY EXECUTE format(
                'SELECT v.rank, v.item_key, v.score FROM %1$I.%2$I v ORDER BY v.rank LIMIT $1',
                {SL}, 'popular_' || p_model)
            USING p_n;
        END
        $fn$;

        CREATE FUNCTION {S}.user_factors(p_model text, p_user_key text) RETURNS real[]
        LANGUAGE plpgsql STABLE AS $fn$
        DECLARE result real[];
        BEGIN
            PERFORM {S}.check_model(p_model);
            EXECUTE format('SELECT v.factors FROM %1$I.%2$I v WHERE v.user_key = $1', {SL}, 'user_factors_' || p_model)
            INTO result USING p_user_key;
            RETURN result;
        END
        $fn$;

        CREATE FUNCTION {S}.item_factors(p_model text, p_item_key text) RETURNS real[]
        LANGUAGE plpgsql STABLE AS $fn$
        DECLARE result real[];
        BEGIN
            PERFORM {S}.check_model(p_model);
            EXECUTE format('SELECT v.factors FROM %1$I.%2$I v WHERE v.item_key = $1', {SL}, 'item_factors_' || p_model)
            INTO result USING p_item_key;
            RETURN result;
        END
        $fn$;
        """;
}
