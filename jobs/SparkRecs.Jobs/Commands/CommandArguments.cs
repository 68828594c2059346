using SparkRecs.Core.Errors;

namespace SparkRecs.Jobs.Commands;

/// <summary>
/// The parsed command line of one invocation: the command name, its flags, and configuration
/// overrides.
/// </summary>
/// <remarks>
/// Grammar: <c>sparkrecs COMMAND [--flag value | --flag=value | --switch]... [--set section:key=value]...</c>.
/// A flag whose name contains a colon (<c>--als:rank 64</c>) is a configuration override, as is
/// every <c>--set</c>; both win over the config file and environment variables. Each command
/// declares its other flags and aliases (e.g. <c>sample --events</c> = <c>sample:events</c>);
/// an undeclared flag is an error naming it, so a typo never silently runs with defaults.
/// </remarks>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _flags = new(StringComparer.OrdinalIgnoreCase);

    private CommandArguments(string command, List<string> positional, List<KeyValuePair<string, string>> overrides)
    {
        Command = command;
        Positional = positional;
        Overrides = overrides;
    }

    /// <summary>The command name (first argument), lower case.</summary>
    public string Command { get; }

    /// <summary>Arguments that are not flags, after the command.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Configuration overrides in order (<c>section:key</c>, value).</summary>
    public List<KeyValuePair<string, string>> Overrides { get; }

    /// <summary>Parses <paramref name="args"/>; <paramref name="switches"/> are flags that take no value.</summary>
    public static CommandArguments Parse(string[] args, ISet<string>? switches = null)
    {
        if (args.Length == 0)
        {
            return new CommandArguments("help", [], []);
        }
        var positional = new List<string>();
        var overrides = new List<KeyValuePair<string, string>>();
        var parsed = new CommandArguments(args[0].ToLowerInvariant(), positional, overrides);
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }
            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            bool isSwitch = switches?.Contains(name) == true;
            if (value is null && !isSwitch)
            {
                if (i + 1 >= args.Length)
                {
                    throw new ConfigurationException(name, $"the flag --{name} needs a value.");
                }
                value = args[++i];
            }
            if (name.Equals("set", StringComparison.OrdinalIgnoreCase))
            {
                int split = value!.IndexOf('=');
                if (split <= 0)
                {
                    throw new ConfigurationException(value, "--set takes section:key=value, e.g. --set als:rank=64.");
                }
                overrides.Add(new(value[..split], value[(split + 1)..]));
            }
            else if (name.Contains(':'))
            {
                overrides.Add(new(name, value!));
            }
            else
            {
                parsed._flags[name] = value ?? "true";
            }
        }
        return parsed;
    }

    /// <summary>The value of a flag, or null when absent.</summary>
    public string? Flag(string name) => _flags.TryGetValue(name, out var v) ? v : null;

    /// <summary>Whether a switch or flag was given.</summary>
    public bool Has(string name) => _flags.ContainsKey(name);

    /// <summary>
    /// Turns aliased flags into configuration overrides (<c>--events</c> to <c>sample:events</c>) and
    /// fails on any flag the command does not know.
    /// </summary>
    public void ApplyAliases(IReadOnlyDictionary<string, string> aliases, params string[] ownFlags)
    {
        foreach (var (flag, value) in _flags)
        {
            if (aliases.TryGetValue(flag, out var key))
            {
                Overrides.Insert(0, new(key, value ?? "true"));
            }
            else if (!ownFlags.Contains(flag, StringComparer.OrdinalIgnoreCase))
            {
                var known = aliases.Keys.Concat(ownFlags).Select(f => "--" + f).Order();
                throw new ConfigurationException(flag, $"'{Command}' has no flag --{flag}. Known flags: {string.Join(", ", known)}; any config key can be set with --set section:key=value.");
            }
        }
    }
}
