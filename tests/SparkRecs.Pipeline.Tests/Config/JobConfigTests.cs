using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Tests.Support;

namespace SparkRecs.Pipeline.Tests.Config;

public class JobConfigTests
{
    private static JobConfig Load(params (string Key, string Value)[] overrides)
        => JobConfig.Load(null, overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)), includeEnvironment: false);

    [Fact]
    public void Every_config_file_in_conf_loads_and_validates()
    {
        var files = Directory.GetFiles(RepoPaths.Combine("conf"), "*.json");
        Assert.NotEmpty(files);
        bool haveDatasets = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SPARKRECS_DATASETS"));
        foreach (string file in files)
        {
            // Files that read the shared datasets name them through ${SPARKRECS_DATASETS}; without it,
            // point them at any existing file so everything else in them is still validated.
            bool usesDatasets = File.ReadAllText(file).Contains("${SPARKRECS_DATASETS}", StringComparison.Ordinal);
            KeyValuePair<string, string>[] overrides = usesDatasets && !haveDatasets ? [new("ingest:path", file)] : [];
            var config = JobConfig.Load(file, overrides, includeEnvironment: false);
            Assert.NotNull(config.Als);
        }
    }

    [Theory]
    [InlineData("als:rnk", "3", "als:rnk")]
    [InlineData("ingest:botRule:percentil", "3", "ingest:botRule:percentil")]
    [InlineData("nosuchsection:key", "1", "nosuchsection")]
    public void Unknown_keys_fail_naming_the_full_key(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((key, value)));
        Assert.Equal(named, error.Key);
    }

    [Theory]
    [InlineData("als:rank", "abc")]
    [InlineData("als:rank", "0")]
    [InlineData("split:kind", "random")]
    [InlineData("split:cutoffQuantile", "1.5")]
    [InlineData("recommend:topN", "0")]
    [InlineData("run:model", "Bad-Name")]
    [InlineData("run:publish", "sometimes")]
    [InlineData("evaluation:relevance", "maybe")]
    [InlineData("gate:primaryMetric", "ndcg@7")]
    [InlineData("postgres:model", "other")]
    public void Invalid_values_fail_before_any_work_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((key, value)));
        Assert.Equal(key, error.Key, ignoreCase: true);
    }

    [Fact]
    public void Later_sources_override_earlier_ones_and_arrays_replace_defaults()
    {
        var config = Load(("als:rank", "8"), ("als:rank", "16"), ("evaluation:ks:0", "3"), ("gate:primaryMetric", "ndcg@3"));
        Assert.Equal(16, config.Als.Rank);
        Assert.Equal([3], config.Evaluation.EffectiveKs);
        Assert.Equal([5, 10, 20], Load().Evaluation.EffectiveKs);
    }

    [Fact]
    public void Environment_variables_with_a_section_separator_override_the_file()
    {
        Environment.SetEnvironmentVariable("SPARKRECS_ALS__ITERATIONS", "7");
        try
        {
            var config = JobConfig.Load(RepoPaths.Combine("conf", "local.json"), []);
            Assert.Equal(7, config.Als.Iterations);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPARKRECS_ALS__ITERATIONS", null);
        }
    }

    [Fact]
    public void Ingest_path_expands_environment_variables_and_names_a_missing_one()
    {
        Environment.SetEnvironmentVariable("SPARKRECS_TEST_DATA_ROOT", "/data/root");
        try
        {
            Assert.Equal("/data/root/u.data", JobConfig.ExpandEnvironment("${SPARKRECS_TEST_DATA_ROOT}/u.data"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPARKRECS_TEST_DATA_ROOT", null);
        }
        var error = Assert.Throws<ConfigurationException>(() => JobConfig.ExpandEnvironment("${SPARKRECS_SURELY_UNSET_VARIABLE}/x"));
        Assert.Contains("SPARKRECS_SURELY_UNSET_VARIABLE", error.Message);
    }
}
