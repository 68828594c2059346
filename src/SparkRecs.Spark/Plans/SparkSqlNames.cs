namespace SparkRecs.Spark.Plans;

/// <summary>
/// Validates and quotes the identifiers spliced into generated SQL. Only plain identifiers
/// (letters, digits, underscore, not starting with a digit; dot-separated parts for qualified
/// names) are accepted, so a configured name can never change the meaning of a query.
/// </summary>
internal static class SparkSqlNames
{
    /// <summary>The name back-quoted part by part, e.g. <c>`db`.`events`</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty or has a character outside [A-Za-z0-9_.].</exception>
    public static string Quote(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameter);
        string[] parts = name.Split('.');
        foreach (string part in parts)
        {
            if (!IsPlain(part))
            {
                throw new ArgumentException($"'{name}' is not a plain SQL identifier: use letters, digits and '_' (not first), with '.' between qualified parts.", parameter);
            }
        }
        return string.Join('.', parts.Select(p => $"`{p}`"));
    }

    /// <summary>Checks an unqualified name (a temporary view, a column) and returns it quoted.</summary>
    public static string RequireSimple(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameter);
        return IsPlain(name) ? $"`{name}`" : throw new ArgumentException($"'{name}' is not a plain unqualified SQL identifier: use letters, digits and '_' (not first).", parameter);
    }

    private static bool IsPlain(string part) =>
        part.Length > 0 && !char.IsAsciiDigit(part[0]) && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
