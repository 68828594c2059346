using System.Text.RegularExpressions;

namespace SparkRecs.Pipeline.Config;

/// <summary>Rules for names taken from configuration that end up in file names and SQL identifiers.</summary>
public static partial class ConfigNames
{
    /// <summary>A letter, then up to 47 letters, digits or underscores.</summary>
    public static bool IsSafeName(string? name) => name is not null && SafeName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,47}$")]
    private static partial Regex SafeName();
}
