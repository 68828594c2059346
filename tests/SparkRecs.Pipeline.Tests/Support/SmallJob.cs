using SparkRecs.Pipeline.Config;

namespace SparkRecs.Pipeline.Tests.Support;

/// <summary>A small, fast job configuration on the generated sample warehouse, for end-to-end tests.</summary>
public static class SmallJob
{
    public static JobConfig Config(string folder, params (string Key, string Value)[] extra)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("run:outputDir", Path.Combine(folder, "runs")),
            new("run:stateDir", Path.Combine(folder, "state")),
            new("run:threads", "2"),
            new("sample:users", "1500"),
            new("sample:items", "400"),
            new("sample:events", "60000"),
            new("sample:days", "20"),
            new("als:rank", "16"),
            new("als:iterations", "6"),
            new("als:regParam", "1"),
            new("als:alpha", "5"),
            new("recommend:topN", "20"),
            new("recommend:similarItems", "5"),
            new("evaluation:bootstrapResamples", "200"),
            new("evaluation:itemKnnNeighbors", "50"),
        };
        settings.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return JobConfig.Load(null, settings, includeEnvironment: false);
    }
}
