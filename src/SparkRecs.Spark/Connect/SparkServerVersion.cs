using System.Globalization;

namespace SparkRecs.Spark.Connect;

/// <summary>The Spark version a Connect server reports (AnalyzePlan <c>spark_version</c>), e.g. 4.0.1 or 4.1.0-preview2.</summary>
/// <param name="Major">Major version (4 for 4.0.1).</param>
/// <param name="Minor">Minor version (0 for 4.0.1).</param>
/// <param name="Text">The version exactly as the server reported it.</param>
public sealed record SparkServerVersion(int Major, int Minor, string Text)
{
    /// <summary>The first Spark release that runs MLlib (and so ALS) server-side over Connect.</summary>
    public static readonly SparkServerVersion FirstWithConnectMl = new(4, 0, "4.0.0");

    /// <summary>Whether this server can run ML commands (Spark 4.0 or later).</summary>
    public bool SupportsConnectMl => Major > FirstWithConnectMl.Major || (Major == FirstWithConnectMl.Major && Minor >= FirstWithConnectMl.Minor);

    /// <summary>Reads <c>major.minor[.patch][-suffix]</c>; <see langword="null"/> when the text does not start that way.</summary>
    public static SparkServerVersion? TryParse(string text)
    {
        string[] parts = text.Trim().Split('.', 3);
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int major))
        {
            return null;
        }
        string minorText = new(parts[1].TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(minorText, NumberStyles.None, CultureInfo.InvariantCulture, out int minor) ? new SparkServerVersion(major, minor, text.Trim()) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
