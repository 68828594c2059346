using System.Globalization;
using Microsoft.Extensions.Configuration;
using SparkRecs.Core.Errors;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// Loads a job configuration the usual .NET way, each source overriding the one before:
/// the JSON file (<c>--conf</c>), environment variables prefixed <c>SPARKRECS_</c> with <c>__</c> as
/// the section separator (<c>SPARKRECS_ALS__RANK=64</c>), then command-line overrides
/// (<c>--als:rank 64</c> or <c>--set als:rank=64</c>).
/// </summary>
/// <remarks>
/// Binding is strict: a key the options types do not have, or a value that does not convert,
/// fails before any work starts with a <see cref="ConfigurationException"/> naming the key, so a
/// typo never runs a night's job with defaults. Secrets are never read from the file: the
/// Postgres password comes from the environment or a pgpass file.
/// </remarks>
public static class ConfigLoader
{
    /// <summary>Environment variable prefix for overrides.</summary>
    public const string EnvironmentPrefix = "SPARKRECS_";

    /// <summary>Builds the layered configuration.</summary>
    public static IConfigurationRoot Build(string? jsonPath, IEnumerable<KeyValuePair<string, string>> overrides, bool includeEnvironment = true)
    {
        var builder = new ConfigurationBuilder();
        if (jsonPath is not null)
        {
            string full = Path.GetFullPath(jsonPath);
            if (!File.Exists(full))
            {
                throw new ConfigurationException("--conf", $"the config file '{jsonPath}' does not exist. Pass an existing file, e.g. --conf conf/local.json.");
            }
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        if (includeEnvironment)
        {
            builder.AddInMemoryCollection(EnvironmentOverrides());
        }
        // A key given twice (a flag and a --set, or a repeated flag) takes its last value.
        var last = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides)
        {
            last[key] = value;
        }
        builder.AddInMemoryCollection(last);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw new ConfigurationException("--conf", $"the config file '{jsonPath}' is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Binds one section onto a new <typeparamref name="T"/>, failing on unknown keys and bad values
    /// with a <see cref="ConfigurationException"/> that names the offending key.
    /// </summary>
    public static T Bind<T>(IConfiguration root, string section)
        where T : new()
    {
        var target = new T();
        var child = root.GetSection(section);
        if (!child.Exists())
        {
            return target;
        }
        if (FindUnknownKey(child, typeof(T)) is { } unknown)
        {
            throw new ConfigurationException(unknown, "unknown key (check its spelling against the README's configuration reference).");
        }
        try
        {
            child.Bind(target, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw Translate(section, e);
        }
        return target;
    }

    /// <summary>Rejects top-level sections that no options type reads.</summary>
    public static void RejectUnknownSections(IConfiguration root, IReadOnlyCollection<string> known)
    {
        foreach (var child in root.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ConfigurationException(child.Key, $"unknown section. Known sections: {string.Join(", ", known)}.");
            }
        }
    }

    /// <summary>
    /// <c>SPARKRECS_SECTION__KEY</c> variables as <c>section:key</c> overrides. Only names with a
    /// <c>__</c> separator are configuration; others with the prefix (<c>SPARKRECS_DATASETS</c>, used by
    /// tests) are not, and are left alone.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> EnvironmentOverrides()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Contains("__", StringComparison.Ordinal))
            {
                yield return new(name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)entry.Value);
            }
        }
    }

    /// <summary>
    /// The path of the first key under <paramref name="section"/> that no settable property of
    /// <paramref name="type"/> (recursively, for nested option objects) accepts, or null. Dictionary
    /// and list values accept any key.
    /// </summary>
    internal static string? FindUnknownKey(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                .FirstOrDefault(p => p.CanWrite && string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return child.Path;
            }
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            bool isComposite = propertyType.IsClass && propertyType != typeof(string)
                && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType);
            if (isComposite && FindUnknownKey(child, propertyType) is { } nested)
            {
                return nested;
            }
        }
        return null;
    }

    private static ConfigurationException Translate(string section, InvalidOperationException e)
    {
        // The binder's messages name the path of a value it could not convert ("... at 'als:rank' to
        // type 'System.Int32'") or the unknown properties ("'foo' were not found on type ...").
        string message = e.Message;
        string key = section;
        int at = message.IndexOf(" at '", StringComparison.Ordinal);
        if (at >= 0)
        {
            int end = message.IndexOf('\'', at + 5);
            if (end > at)
            {
                key = string.Join(':', message[(at + 5)..end].Split(':').Select(part => part.Length > 0 ? char.ToLowerInvariant(part[0]) + part[1..] : part));
            }
            return new ConfigurationException(key, $"the value cannot be used: {Inner(e)}");
        }
        int notFound = message.IndexOf("were not found", StringComparison.Ordinal);
        int quote = notFound < 0 ? -1 : message.IndexOf('\'', notFound);
        if (quote >= 0)
        {
            int end = message.IndexOf('\'', quote + 1);
            if (end > quote)
            {
                key = section + ":" + message[(quote + 1)..end];
            }
            return new ConfigurationException(key, "unknown key (check its spelling against the README's configuration reference).");
        }
        return new ConfigurationException(key, string.Create(CultureInfo.InvariantCulture, $"{message}"));
    }

    private static string Inner(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e.Message;
    }
}
