using System.Text.RegularExpressions;

namespace SparkRecs.Pipeline.Config;

/// <summary>Rules for names taken from configuration that end up in file names and SQL identifiers.</summary>
public static partial class ConfigNames
{
    /// <summary>A lower-case letter, then up to 39 lower-case letters, digits or underscores (it becomes part of Postgres view names).</summary>
    public static bool IsSafeName(string? name) => name is not null && SafeName().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex SafeName();
}
