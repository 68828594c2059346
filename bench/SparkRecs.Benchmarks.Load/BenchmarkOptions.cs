using System.Globalization;

namespace SparkRecs.Benchmarks.Load;

/// <summary>Workload size and target, from <c>--name value</c> arguments (<c>--keep 1</c> leaves the loaded schema for EXPLAIN).</summary>
internal sealed record BenchmarkOptions(int Users, int Items, int Width, int Rank, int SimilarWidth, int Repeats, bool Keep, string? ConnectionString, string? StateDir)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }
            values[args[i][2..]] = args[i + 1];
        }
        int Int(string name, int fallback) => values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchmarkOptions(
            Users: Int("users", 100_000),
            Items: Int("items", 20_000),
            Width: Int("width", 100),
            Rank: Int("rank", 32),
            SimilarWidth: Int("similar", 20),
            Repeats: Int("repeats", 1),
            Keep: Int("keep", 0) != 0,
            ConnectionString: values.GetValueOrDefault("connection"),
            StateDir: values.GetValueOrDefault("state"));
    }
}
