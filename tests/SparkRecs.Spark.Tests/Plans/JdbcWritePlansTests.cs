using SparkRecs.Core.Errors;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Plans;

public sealed class JdbcWritePlansTests
{
    private static readonly PostgresJdbcTarget Target = new("jdbc:postgresql://db:5432/recs", "writer", "pw-123");

    [Fact]
    public void A_write_goes_through_the_jdbc_source_with_the_target_options()
    {
        Plan plan = JdbcWritePlans.Write(SparkRelations.Table("topn"), "sparkrecs.staging", Target);

        WriteOperation write = plan.Command.WriteOperation;
        Assert.Equal("jdbc", write.Source);
        Assert.Equal(WriteOperation.Types.SaveMode.Append, write.Mode);
        Assert.Equal("sparkrecs.staging", write.Options["dbtable"]);
        Assert.Equal("pw-123", write.Options["password"]);
        Assert.Equal("org.postgresql.Driver", write.Options["driver"]);
        Assert.False(write.Options.ContainsKey("truncate"));
    }

    [Fact]
    public void Overwrite_truncates_so_the_staging_table_keeps_its_column_types()
    {
        Plan plan = JdbcWritePlans.Write(SparkRelations.Table("f"), "staging_f", Target, SparkSaveMode.Overwrite);

        Assert.Equal(WriteOperation.Types.SaveMode.Overwrite, plan.Command.WriteOperation.Mode);
        Assert.Equal("true", plan.Command.WriteOperation.Options["truncate"]);
    }

    [Fact]
    public void Log_text_hides_the_password_and_leaves_the_plan_intact()
    {
        Plan plan = JdbcWritePlans.Write(SparkRelations.Table("topn"), "staging", Target);

        string text = PlanLogText.Of(plan);

        Assert.DoesNotContain("pw-123", text);
        Assert.Contains("\"password\": \"***\"", text);
        Assert.Equal("pw-123", plan.Command.WriteOperation.Options["password"]);
    }

    [Fact]
    public void The_target_never_shows_its_password()
    {
        Assert.DoesNotContain("pw-123", Target.ToString());
    }

    [Fact]
    public void Only_postgres_jdbc_urls_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new PostgresJdbcTarget("jdbc:mysql://db/recs", "u", "p"));
    }

    [Fact]
    public void The_target_is_read_from_the_environment_and_a_missing_variable_is_named()
    {
        string?[] saved = [.. new[] { PostgresJdbcTarget.UrlVariable, PostgresJdbcTarget.UserVariable, "SPARKRECS_PG_PASSWORD", "PGPASSWORD" }.Select(Environment.GetEnvironmentVariable)];
        try
        {
            Environment.SetEnvironmentVariable(PostgresJdbcTarget.UrlVariable, "jdbc:postgresql://db:5432/recs");
            Environment.SetEnvironmentVariable(PostgresJdbcTarget.UserVariable, "writer");
            Environment.SetEnvironmentVariable("SPARKRECS_PG_PASSWORD", null);
            Environment.SetEnvironmentVariable("PGPASSWORD", "from-pgpassword");

            PostgresJdbcTarget target = PostgresJdbcTarget.FromEnvironment();
            Assert.Equal(("jdbc:postgresql://db:5432/recs", "writer", "from-pgpassword"), (target.Url, target.User, target.Password));

            Environment.SetEnvironmentVariable("PGPASSWORD", null);
            var error = Assert.Throws<ConfigurationException>(PostgresJdbcTarget.FromEnvironment);
            Assert.Equal("SPARKRECS_PG_PASSWORD", error.Key);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgresJdbcTarget.UrlVariable, saved[0]);
            Environment.SetEnvironmentVariable(PostgresJdbcTarget.UserVariable, saved[1]);
            Environment.SetEnvironmentVariable("SPARKRECS_PG_PASSWORD", saved[2]);
            Environment.SetEnvironmentVariable("PGPASSWORD", saved[3]);
        }
    }
}
