using System.Globalization;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Plans;

/// <summary>Literal values for ML parameters and method arguments, typed as Spark expects them.</summary>
internal static class SparkLiterals
{
    public static Expression.Types.Literal Integer(int value) => new() { Integer = value };

    public static Expression.Types.Literal Long(long value) => new() { Long = value };

    public static Expression.Types.Literal Boolean(bool value) => new() { Boolean = value };

    public static Expression.Types.Literal String(string value) => new() { String = value };

    /// <summary>
    /// A double from a configured float through its shortest decimal text, so 0.1f is sent as 0.1
    /// (what the user wrote) rather than 0.10000000149011612 (the float's exact binary value).
    /// </summary>
    public static Expression.Types.Literal Double(float value) =>
        new() { Double = double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) };
}
