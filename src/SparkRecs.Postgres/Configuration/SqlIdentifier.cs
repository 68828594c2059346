using System.Text.RegularExpressions;
using SparkRecs.Core.Errors;

namespace SparkRecs.Postgres.Configuration;

/// <summary>
/// Validation and quoting of the identifiers SparkRecs builds SQL from (schema and model names).
/// </summary>
/// <remarks>
/// Defence in depth: names must match a conservative pattern (lower-case ASCII letters, digits and
/// underscores, not starting with a digit, short enough that <c>recommendations_&lt;model&gt;</c>
/// stays under PostgreSQL's 63-byte identifier limit) <em>and</em> are always double-quoted when
/// spliced into SQL. Lower case only, so that an application can write the names unquoted.
/// </remarks>
public static partial class SqlIdentifier
{
    /// <summary>Longest model name: 63 bytes minus the longest view prefix (<c>recommendations_</c>).</summary>
    public const int MaxModelLength = 40;

    /// <summary>Longest schema name.</summary>
    public const int MaxSchemaLength = 48;

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();

    /// <summary>True when <paramref name="name"/> is a safe model name.</summary>
    public static bool IsValidModel(string? name) =>
        name is { Length: > 0 and <= MaxModelLength } && SafeName().IsMatch(name);

    /// <summary>True when <paramref name="name"/> is a safe schema name (and not a reserved <c>pg_</c> one).</summary>
    public static bool IsValidSchema(string? name) =>
        name is { Length: > 0 and <= MaxSchemaLength } && SafeName().IsMatch(name) && !name.StartsWith("pg_", StringComparison.Ordinal);

    /// <summary>Throws a <see cref="ConfigurationException"/> for <paramref name="configKey"/> unless <paramref name="name"/> is a valid model name.</summary>
    public static void ValidateModel(string? name, string configKey)
    {
        if (!IsValidModel(name))
        {
            throw new ConfigurationException(configKey, $"model name '{name}' is not allowed: use 1 to {MaxModelLength} characters from a-z, 0-9 and '_', not starting with a digit (e.g. 'default', 'home_feed').");
        }
    }

    /// <summary>Throws a <see cref="ConfigurationException"/> for <paramref name="configKey"/> unless <paramref name="name"/> is a valid schema name.</summary>
    public static void ValidateSchema(string? name, string configKey)
    {
        if (!IsValidSchema(name))
        {
            throw new ConfigurationException(configKey, $"schema name '{name}' is not allowed: use 1 to {MaxSchemaLength} characters from a-z, 0-9 and '_', not starting with a digit or 'pg_' (e.g. 'sparkrecs').");
        }
    }

    /// <summary>
    /// Double-quotes an identifier for SQL, doubling embedded quotes. Callers validate first; the
    /// quoting makes a validation slip harmless rather than exploitable.
    /// </summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A quoted, schema-qualified name: <c>"schema"."name"</c>.</summary>
    public static string Qualify(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>A SQL string literal (single quotes doubled), for names embedded in function bodies.</summary>
    internal static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
