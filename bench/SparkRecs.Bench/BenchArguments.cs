using System.Globalization;

namespace SparkRecs.Bench;

/// <summary>
/// The options of one benchmark command: <c>--name value</c> pairs, checked against the names the
/// command accepts, with typed accessors whose errors name the option and the accepted values.
/// </summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values;

    private BenchArguments(Dictionary<string, string> values) => _values = values;

    /// <summary>
    /// Parses <paramref name="args"/> (the command line after the command name). Every option must be
    /// one of <paramref name="allowed"/> and appear once, followed by a value.
    /// </summary>
    /// <exception cref="UsageException">An option is unknown, repeated or has no value.</exception>
    public static BenchArguments Parse(ReadOnlySpan<string> args, IReadOnlyCollection<string> allowed)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            string token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new UsageException($"Expected an option (--name value) but found '{token}'.");
            }
            string name = token[2..];
            if (!allowed.Contains(name))
            {
                throw new UsageException($"Unknown option --{name}; this command accepts {string.Join(", ", allowed.Select(a => "--" + a))}.");
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Option --{name} needs a value.");
            }
            if (!values.TryAdd(name, args[i + 1]))
            {
                throw new UsageException($"Option --{name} is given twice.");
            }
        }
        return new BenchArguments(values);
    }

    /// <summary>The workload file (<c>--input</c>), which must exist.</summary>
    public string InputFile()
    {
        if (!_values.TryGetValue("input", out string? path))
        {
            throw new UsageException("--input FILE is required: a workload of 'user \\t item \\t count' lines (see bench/README.md to generate one).");
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"--input {path}: no such file.");
        }
        return path;
    }

    /// <summary>An integer option in <c>[min, max]</c>, or <paramref name="fallback"/> when absent.</summary>
    public int Integer(string name, int fallback, int min, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"--{name} {text}: expected an integer from {min} to {(max == int.MaxValue ? "any" : max.ToString(CultureInfo.InvariantCulture))}.");
        }
        return value;
    }

    /// <summary>A comma-separated list of integers, each in <c>[min, max]</c>.</summary>
    public int[] Integers(string name, int[] fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]) || result[i] < min || result[i] > max)
            {
                throw new UsageException($"--{name} {text}: expected comma-separated integers from {min} to {max}, like 64,128.");
            }
        }
        return result;
    }

    /// <summary>A comma-separated list of words, each one of <paramref name="choices"/>.</summary>
    public string[] Choices(string name, string[] fallback, IReadOnlyCollection<string> choices)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        foreach (string part in parts)
        {
            if (!choices.Contains(part))
            {
                throw new UsageException($"--{name} {text}: '{part}' is not one of {string.Join(", ", choices)}.");
            }
        }
        return parts;
    }

    /// <summary>A free-text option, or <paramref name="fallback"/> when absent.</summary>
    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);
}
