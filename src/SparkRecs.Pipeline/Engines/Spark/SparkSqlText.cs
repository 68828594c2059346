using System.Globalization;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>Literals and identifiers for the Spark SQL the engine generates from configuration.</summary>
internal static class SparkSqlText
{
    /// <summary>A Spark SQL string literal: single quotes, with backslashes and quotes escaped (Spark reads C-style escapes in literals).</summary>
    public static string String(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>A back-quoted column name; the configuration validated it as a plain identifier.</summary>
    public static string Column(string name) => "`" + name + "`";

    /// <summary>A float literal with round-trip precision (a FLOAT cast of a DOUBLE literal).</summary>
    public static string Float(float value) => $"CAST({value.ToString("R", CultureInfo.InvariantCulture)}D AS FLOAT)";

    /// <summary>A DOUBLE literal.</summary>
    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "D";

    /// <summary>A DATE literal.</summary>
    public static string Date(DateOnly day) => "DATE'" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
}
