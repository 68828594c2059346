namespace SparkRecs.Bench;

/// <summary>
/// A command line the benchmark cannot run: unknown command or option, missing or malformed value.
/// The message names the option and what it accepts; the program prints it with the usage and
/// exits with code 2.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
